/**
 * 微信云调用与云存储在测试里的替身：只替换 @cloudbase/node-sdk 的 CloudBase 实例上
 * 发往腾讯的四个请求方法（callCompatibleWxOpenApi、uploadFile、getTempFileURL、downloadFile）。
 * 它们之上的 wx-server-sdk（驼峰转下划线、protobuf 编码、错误码映射、返回值解析）都是真的：
 * 替身解出 SDK 编码的 CommApiData，交给测试的处理函数，再把答复编码成 CommOpenApiResp。
 * 字段号取自 wx-server-sdk 自带的 protobuf 定义。
 */
import { createRequire } from 'node:module'
import protobuf from 'protobufjs'

const { root } = protobuf.parse(`
syntax = "proto3";
message KeyValuePair { string key = 1; bytes value = 2; string contenttype = 3; string filename = 4; }
message OpenApiData { repeated KeyValuePair pairs = 1; }
message CommApiData { int32 apiType = 1; OpenApiData openapiData = 2; string appid = 6; }
message CommOpenApiResp { bytes respData = 1; string contentType = 2; int32 errorCode = 3; uint32 httpCode = 4; }
`)
const CommApiData = root.lookupType('CommApiData')
const CommOpenApiResp = root.lookupType('CommOpenApiResp')

export type OpenApiReply = { json: Record<string, unknown> } | { contentType: string; buffer: Buffer }
export type OpenApiHandler = (api: string, data: Record<string, unknown>) => OpenApiReply

export interface OpenApiCall {
  api: string
  /** SDK 实际发出的参数（已是下划线命名）。 */
  data: Record<string, unknown>
}

const requireFromSdk = createRequire(require.resolve('wx-server-sdk'))
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CloudBase } = require(requireFromSdk.resolve('@cloudbase/node-sdk/dist/cloudbase')) as {
  CloudBase: { prototype: Record<string, unknown> }
}

export function routeSdkOpenApiTo(handler: OpenApiHandler) {
  const calls: OpenApiCall[] = []
  const files = new Map<string, Buffer>()
  const proto = CloudBase.prototype
  const original = { call: proto.callCompatibleWxOpenApi, upload: proto.uploadFile, temp: proto.getTempFileURL, download: proto.downloadFile }

  proto.callCompatibleWxOpenApi = async ({ apiName, requestData }: { apiName: string; requestData: Buffer }) => {
    const message = CommApiData.toObject(CommApiData.decode(requestData), { defaults: true }) as {
      openapiData: { pairs: { key: string; value: Uint8Array }[] }
    }
    const data = Object.fromEntries(message.openapiData.pairs.map((p) => [p.key, JSON.parse(Buffer.from(p.value).toString('utf8'))]))
    calls.push({ api: apiName, data })
    const reply = handler(apiName, data)
    const encoded =
      'json' in reply
        ? { respData: Buffer.from(JSON.stringify(reply.json)), contentType: 'application/json; encoding=utf-8', errorCode: 0, httpCode: 200 }
        : { respData: reply.buffer, contentType: reply.contentType, errorCode: 0, httpCode: 200 }
    return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.create(encoded)).finish())
  }
  proto.uploadFile = async ({ cloudPath, fileContent }: { cloudPath: string; fileContent: Buffer }) => {
    const fileID = `cloud://loushi-test.6c6f-loushi-test/${cloudPath}`
    files.set(fileID, Buffer.from(fileContent))
    return { fileID, requestId: 'fake-upload' }
  }
  // 与 @cloudbase/node-sdk 一样收字符串或 { fileID, maxAge }；没给 maxAge 时云存储按默认的一天算。
  const tempUrlRequests: { fileID: string; maxAge: number | null }[] = []
  proto.getTempFileURL = async ({ fileList }: { fileList: (string | { fileID: string; maxAge: number })[] }) => ({
    requestId: 'fake-temp',
    fileList: fileList.map((item) => {
      const { fileID, maxAge } = typeof item === 'string' ? { fileID: item, maxAge: null } : item
      tempUrlRequests.push({ fileID, maxAge })
      return files.has(fileID)
        ? { fileID, code: 'SUCCESS', maxAge: maxAge ?? 86400, tempFileURL: `https://6c6f-loushi-test.tcb.qcloud.la/${fileID.split('/').slice(3).join('/')}` }
        : { fileID, code: 'STORAGE_FILE_NONEXIST', maxAge: 0, tempFileURL: '' }
    }),
  })

  // 与 @cloudbase/node-sdk 一样：文件不存在时答 { code, message }（wx-server-sdk 据此抛出 errCode），存在时答 { fileContent }。
  proto.downloadFile = async ({ fileID }: { fileID: string }) =>
    files.has(fileID)
      ? { fileContent: Buffer.from(files.get(fileID) as Buffer), message: '文件下载完成' }
      : { code: 'STORAGE_FILE_NONEXIST', message: `文件不存在：${fileID}` }

  return {
    calls,
    files,
    /** 每次换临时地址时 SDK 发出的文件与有效期（秒）。 */
    tempUrlRequests,
    restore() {
      proto.callCompatibleWxOpenApi = original.call
      proto.uploadFile = original.upload
      proto.getTempFileURL = original.temp
      proto.downloadFile = original.download
    },
  }
}
