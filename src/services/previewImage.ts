/** 看大图（小程序：微信的 previewImage，即 previewImageNow）。H5 另有 previewImage.h5.ts（Taro 按平台后缀挑文件），点开时才加载它。 */
export { previewImageNow as previewImage } from './previewImageNow'
