import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

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
    // 领域保持纯净:不依赖 Taro、SDK、存储或宿主。
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@tarojs/*', 'wx-server-sdk', 'better-sqlite3', '*/server/*', '*/services/*', 'react'] }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: '领域里不读时钟:把"现在"作为参数传入' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: '领域里不读时钟:把"现在"作为参数传入' },
        { selector: "CallExpression[callee.name='dayjs'][arguments.length=0]", message: '领域里不读时钟:把"现在"作为参数传入' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: '领域里不用随机数:由端口提供 id' },
      ],
    },
  },
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
