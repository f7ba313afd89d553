/**
 * 小程序模板里加上无障碍属性：Taro 生成的 base.wxml 里 view、text、image 没有 aria-role / aria-label，
 * 组件上写了 ariaRole、ariaLabel 也不会进到页面（读屏念不出"按钮"、开关与图片没有名字）。
 * 与 @tarojs/plugin-inject 的 components 选项同一个做法（平台准备好时改模板的组件表），只是不多装一个包。
 */
const ATTRS = { 'aria-role': "''", 'aria-label': "''", 'aria-checked': "''", 'aria-disabled': "''", 'aria-hidden': "''" }

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      const template = platform && platform.template
      if (!template || typeof template.mergeComponents !== 'function') return
      template.mergeComponents(ctx, { View: ATTRS, Text: ATTRS, Image: { 'aria-label': "''", 'aria-role': "''" }, Button: { 'aria-label': "''" } })
    },
  })
}
