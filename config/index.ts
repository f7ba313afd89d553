import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

/**
 * Taro 构建配置(webpack5)。
 * LOUSHI_TEST_BUILD=1 时输出到 dist/weapp-test:不压缩(测试的调用栈可读),也不覆盖正式构建。
 * LOUSHI_BARE_APP=1 时构建基准的对照页(bench/bare:只有 Taro + NutUI 的一页),输出到 dist/bare-<平台>,其余设置完全相同。
 */
/**
 * src/core 每个能力的 index.ts 只做再导出（export * from），标成无副作用：经 index 引的名字由 webpack 直接连到定义它的文件，
 * 不把整个能力（用例、视图……）都带进包里。例如代表分包的台账表单经 ../reports 引 reportId，不该带上报事的全部用例。
 */
type Chain = { module: { rule(name: string): { test(re: RegExp): { merge(options: { sideEffects: boolean }): unknown } } } }
const coreIndexesOnlyReExport = (chain: Chain) => {
  chain.module
    .rule('core-index-reexports')
    .test(/src[\\/]core[\\/][A-Za-z]+[\\/]index\.ts$/)
    .merge({ sideEffects: false })
}

/**
 * H5：@tarojs/components 换成 config/h5Components.js（页面少用的组件各在自己的模块实例里，落地页的 chunk 不带它们）。
 * 别名在 Taro 的 H5 插件之后设（webpackChain 后执行），覆盖它指向 lib/react 的那一条。
 */
type H5Chain = Chain & {
  resolve: { alias: { set(name: string, target: string): unknown } }
  plugin(name: string): { use(plugin: unknown): unknown }
}
const h5Chain = (chain: H5Chain) => {
  coreIndexesOnlyReExport(chain)
  chain.resolve.alias.set('@tarojs/components$', path.resolve(__dirname, 'h5Components.js'))
  chain.module
    .rule('h5-components-reexports')
    .test(/config[\\/]h5Components\.js$/)
    .merge({ sideEffects: false })
  // 落地页的 chunk 与 app.js 同时下载（config/preloadLanding.js）。对照页（LOUSHI_BARE_APP）没有落地页。
  if (process.env.LOUSHI_BARE_APP !== '1') chain.plugin('preload-landing-chunk').use(require(path.resolve(__dirname, 'preloadLanding.js')))
}

export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV ?? 'weapp'
  const testBuild = process.env.LOUSHI_TEST_BUILD === '1'
  const bareApp = process.env.LOUSHI_BARE_APP === '1'
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'loushitong',
    date: '2026-11-21',
    // NutUI 按 375 设计,我们自己的样式按 750。
    designWidth(input) {
      const file = typeof input === 'object' && input ? ((input as { file?: string }).file ?? '') : ''
      return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: bareApp ? 'bench/bare' : 'src',
    outputRoot: bareApp ? `dist/bare-${platform}` : testBuild ? `dist/${platform}-test` : `dist/${platform}`,
    // 小程序模板里加上 aria-role、aria-label 等（见 config/a11yTemplate.js；H5 直接用 role 与 aria-*）。
    plugins: ['@tarojs/plugin-html', path.resolve(__dirname, 'a11yTemplate.js')],
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    defineConstants: {},
    // 未在 .env 里设置的 TARO_APP_* 也要替换成字面量:浏览器与小程序里没有 process,原样留下会抛 ReferenceError。
    env: {
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
      TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      TARO_APP_TEMPLATE_NEW_REPORT: JSON.stringify(process.env.TARO_APP_TEMPLATE_NEW_REPORT ?? ''),
      TARO_APP_TEMPLATE_REPORT_PROGRESS: JSON.stringify(process.env.TARO_APP_TEMPLATE_REPORT_PROGRESS ?? ''),
      TARO_APP_TEMPLATE_NOTICE: JSON.stringify(process.env.TARO_APP_TEMPLATE_NOTICE ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: !testBuild && process.env.CI !== 'true' },
    // 中文字面量原样输出（UTF-8），不转成 \uXXXX：主包少约 10 KB。Taro 把 config 与它的默认压缩选项递归合并。
    terser: { enable: !testBuild, config: { output: { ascii_only: false } } },
    csso: { enable: !testBuild },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      optimizeMainPackage: { enable: true },
      // node_modules 里只有路径带 taro 的包过 babel；zod 4 发布的是 ES2020（??、?.），iOS 13.4 以前的 JavaScriptCore 解析不了，
      // 也要按小程序的构建目标（babel.config.js）转。test/mp/build-targets.test.ts 查构建出的每个 .js。
      compile: { include: [(file: string) => /node_modules[\\/]zod[\\/]/.test(file)] },
      // NutUI 各组件样式互不依赖,顺序告警无意义。
      miniCssExtractPluginOption: { ignoreOrder: true },
      webpackChain: coreIndexesOnlyReExport,
    },
    h5: {
      webpackChain: h5Chain,
      publicPath: '/',
      staticDirectory: 'static',
      // index.html 里先发落地页请求的那段脚本用的函数地址（与 src/services/transport.ts 同一个 TARO_APP_API_BASE）。
      htmlPluginOption: { loushiApiBase: JSON.stringify(process.env.TARO_APP_API_BASE ?? '') },
      router: { mode: 'browser' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  }
  return merge({}, config)
})
