// NutUI 按需引入:只打包用到的组件及其 CSS(实测省下约 200 KB 样式)。
const nutuiPath = (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`

/**
 * 小程序的构建目标（README"包的大小"）：最低基础库 3.0.0，即微信 8.0 起，iOS 12 起。小程序的 JS 在 iOS 上跑在系统的
 * JavaScriptCore 里（与同一 iOS 的 Safari 相同），在安卓上跑在微信自带的 V8 里（XWeb，Chrome 67 起）。
 * 不再为 iOS 8 把 class、箭头函数、async 等转成 ES5：主包小约 22 KB。H5 仍按 package.json 的 browserslist。
 */
const WEAPP_TARGETS = { ios: '12', safari: '12', chrome: '67' }

module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', ...(process.env.TARO_ENV === 'weapp' ? { targets: WEAPP_TARGETS } : {}) }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        libraryDirectory: 'dist/es/packages',
        style: 'css',
        camel2DashComponentName: false,
        customName: (name) => nutuiPath(name),
        customStyleName: (name) => `${nutuiPath(name)}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
}
