/**
 * 本地宿主送 H5 构建里的文件：只送静态目录之内的。旁边同名前缀的目录（dist/h5-secret 挨着 dist/h5）也在目录之外。
 * 真宿主，真 HTTP，请求行里的路径原样发出（fetch 会把 ".." 规范化掉）。
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { startTestHost, type TestHost } from '../support/testHost'

let host: TestHost
beforeAll(async () => {
  host = await startTestHost({
    prefix: 'loushi-static-',
    staticDir: 'h5',
    prepare: (dir) => {
      mkdirSync(path.join(dir, 'h5'))
      writeFileSync(path.join(dir, 'h5', 'index.html'), '<!doctype html><title>楼事通</title>')
      writeFileSync(path.join(dir, 'h5', 'app.js'), 'console.log(1)')
      mkdirSync(path.join(dir, 'h5-secret'))
      writeFileSync(path.join(dir, 'h5-secret', 'secret.txt'), 'SIBLING-SECRET')
      writeFileSync(path.join(dir, 'h5-secret.txt'), 'SIBLING-FILE')
    },
  })
})
afterAll(() => host.stop())

function rawGet(rawPath: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${host.base}/`, { path: rawPath, method: 'GET' }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }))
    })
    req.on('error', reject)
    req.end()
  })
}

it('静态目录里的文件照常送出，不是文件的路径给 index.html', async () => {
  expect(await rawGet('/app.js')).toMatchObject({ status: 200, body: 'console.log(1)' })
  expect((await rawGet('/pages/building/index')).body).toContain('<title>楼事通</title>')
})

it('楼栋二维码的短链 /b/<楼栋码> 直接答 index.html（200，不跳转、不缓存），不多一个往返', async () => {
  const res = await rawGet('/b/CHY1')
  expect(res.status).toBe(200)
  expect(res.headers.location).toBeUndefined()
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
  expect(res.headers['cache-control']).toBe('no-cache')
  expect(res.body).toContain('<title>楼事通</title>')
})

it.each([
  ['旁边同名前缀的目录', '/..%2Fh5-secret/secret.txt'],
  ['旁边同名前缀的文件', '/..%2Fh5-secret.txt'],
])('%s → 403，不送内容', async (_name, rawPath) => {
  const res = await rawGet(rawPath)
  expect(res.body).not.toMatch(/SIBLING/)
  expect(res.status).toBe(403)
})
