// NutUI 按需引入:只打包用到的组件及其 CSS(实测省下约 200 KB 样式)。
const nutuiPath = (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`

module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
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
