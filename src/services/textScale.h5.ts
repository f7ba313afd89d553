/**
 * H5 的 pageTextScale（Taro 按平台后缀挑文件；小程序与测试用 textScale.ts）：浏览器自己能双指缩放，页面不带 --text-scale。
 * 不引微信的系统信息接口：H5 里它们带着约 18 KB 的设备识别代码进每个页面的 chunk（落地页也是）。
 */
export function pageTextScale(): string | undefined {
  return undefined
}
