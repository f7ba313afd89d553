/** pngjs（qrcode 的依赖）没有自带类型；测试只用到同步编码这一点。 */
declare module 'pngjs' {
  export class PNG {
    constructor(options: { width: number; height: number })
    width: number
    height: number
    data: Buffer
    static sync: { write(png: PNG): Buffer; read(buffer: Buffer): PNG }
  }
}
