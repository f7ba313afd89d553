import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

/**
 * src/core 只许引入：src/core 里的文件（相对路径）、zod/mini、dayjs 与它的插件。别的一律报错：
 * 离开 src/core 的相对路径、node:* 与 fs/path 等 Node 内置模块、Taro、wx-server-sdk、存储、React……
 * 用白名单而不是黑名单，新装的包默认进不了领域。
 * 相对路径是否还在 src/core 里取决于文件有多深，所以按深度各给一份：深度 d 的文件最多退 d 级 "../"，
 * 路径中途不许再出现 "." 或 ".." 段。比 CORE_MAX_DEPTH 更深的文件只能引同目录的文件（要用就把它调大）。
 */
const CORE_IMPORT_MESSAGE = '领域只引入 src/core 里的文件、zod/mini 与 dayjs：平台、存储、宿主与 Node 的能力经端口（ports.ts）进来'
const CORE_MAX_DEPTH = 4
const CORE_PACKAGES = ['zod/mini', 'dayjs', 'dayjs/plugin/[A-Za-z0-9_-]+(?:\\.js)?']
const PATH_SEGMENT = '[A-Za-z0-9_@-][A-Za-z0-9_.@-]*'

function coreImports(depth) {
  const prefix = depth === 0 ? '\\./' : `(?:\\./|(?:\\.\\./){1,${depth}})`
  const allowed = `(?:${CORE_PACKAGES.join('|')}|${prefix}(?:${PATH_SEGMENT}/)*${PATH_SEGMENT})`
  return ['error', { patterns: [{ regex: `^(?!${allowed}$)`, caseSensitive: true, message: CORE_IMPORT_MESSAGE }] }]
}

/**
 * 校验规则只用 zod/mini（README"包的大小"）：经典的 zod 带链式方法、英文说法与 JSON Schema 生成器，
 * 哪个文件引了它，用到它的每个分包里的 zod 就多约 73 KB。领域之外（页面、函数、测试）也只许 zod/mini，两种混用类型也对不上。
 */
const CLASSIC_ZOD = {
  regex: '^zod(?:/v4(?:/classic)?|/v3)?$',
  message: "用 zod/mini（import { z } from 'zod/mini'）：经典的 zod 会把链式 API、英文说法与 JSON Schema 生成器带进小程序的包",
}

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'build', 'screenshots', 'cloudfunctions/*/index.js', '.swc'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts', 'test/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [CLASSIC_ZOD] }] },
  },
  {
    // 领域保持纯净：不依赖 Taro、SDK、存储、宿主或 Node，不读时钟、不用随机数。
    files: ['src/core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': coreImports(0),
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: '领域里不读时钟:把"现在"作为参数传入' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: '领域里不读时钟:把"现在"作为参数传入' },
        { selector: "CallExpression[callee.name='dayjs'][arguments.length=0]", message: '领域里不读时钟:把"现在"作为参数传入' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: '领域里不用随机数:由端口提供 id' },
        // no-restricted-imports 只看 import/export 语句；这几种写法绕得过它，领域里也用不着。
        { selector: 'ImportExpression', message: CORE_IMPORT_MESSAGE },
        { selector: "CallExpression[callee.name='require']", message: CORE_IMPORT_MESSAGE },
        { selector: 'TSImportType', message: CORE_IMPORT_MESSAGE },
      ],
    },
  },
  // 越深的文件，相对路径可以多退几级而仍在 src/core 里。
  ...Array.from({ length: CORE_MAX_DEPTH }, (_, i) => ({
    files: [`src/core/${'*/'.repeat(i + 1)}*.{ts,tsx}`],
    rules: { 'no-restricted-imports': coreImports(i + 1) },
  })),
  {
    files: ['**/*.{js,cjs,mjs}', 'scripts/**', 'config/**'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
)
