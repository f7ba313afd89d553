/**
 * npm run build:cloud 的产物：每个函数目录拷到一个空目录里（只给它 package.json 声明的依赖），
 * 用普通 Node 加载，带上平台注入身份的环境变量，对坏事件答出校验错误，且全程不碰网络；
 * 用例失败时往 stderr 写一行 JSON 日志。
 * 产物由 npm test 先行构建（scripts/test.mjs）。
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { OPENAPI_BY_FUNCTION, TIMEOUT_SECONDS_BY_FUNCTION, TRIGGERS_BY_FUNCTION } from '../../server/platform/wechat'
import { aReport } from '../samples'

const root = path.resolve(__dirname, '../..')
const functionsDir = path.join(root, 'cloudfunctions')
const guard = path.join(root, 'test/support/no-network.cjs')

const BAD_EVENTS: Record<string, { event: unknown; expect: RegExp }> = {
  reports: { event: { action: 'submit', payload: { requestId: 'req-12345678', kind: 'party' } }, expect: /楼栋码/ },
  handling: { event: { action: 'act', payload: { reportId: 'r1', requestId: 'req-12345678', action: 'fly', note: '' } }, expect: /不支持的操作/ },
  stats: { event: { action: 'building', payload: { buildingCode: '楼' } }, expect: /楼栋码/ },
  account: { event: { action: 'building', payload: {} }, expect: /楼栋码/ },
  // 打包进了 docx 库（导出 Word）：加载时不碰网络。
  summary: { event: { action: 'export', payload: { summaryId: 's1', version: null, format: 'pdf' } }, expect: /导出 Word/ },
}

const names = Object.keys(BAD_EVENTS)
/** 所有函数目录，含只接收消息推送的 mediaCheck 与定时触发的 tally（都不走动作路由）。 */
const allNames = [...names, 'mediaCheck', 'tally']

/** 云函数运行时把调用者身份交给 getWXContext() 的环境变量：小程序端调用带 OPENID 与来源 wx_client。 */
const CLIENT_ENV = { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: 'o-bundle-test', WX_APPID: 'wx0000000000000000', TCB_SOURCE: 'wx_client' }

/**
 * 把一个函数目录拷进空目录（只放 package.json 声明的依赖），用普通 Node 加载并调用一次 main。
 * prelude 是调用前先执行的一句（可选）。
 */
function runBundle(sandbox: string, name: string, as: string, event: unknown, prelude = '', context: Record<string, string> = CLIENT_ENV) {
  const dir = path.join(sandbox, as)
  cpSync(path.join(functionsDir, name), dir, { recursive: true })
  // 只放进 package.json 里声明的依赖（云端安装的也只有这些）。
  mkdirSync(path.join(dir, 'node_modules'))
  symlinkSync(path.join(root, 'node_modules/wx-server-sdk'), path.join(dir, 'node_modules/wx-server-sdk'))
  const script = `${prelude}require('./index.js').main(${JSON.stringify(event)}, {}).then((r) => console.log('REPLY ' + JSON.stringify(r)))`
  const run = spawnSync(process.execPath, ['--require', guard, '-e', script], {
    cwd: dir,
    encoding: 'utf8',
    // 云函数运行时就是这样把调用者身份交给 getWXContext() 的。
    env: { PATH: process.env.PATH ?? '', ...context } as unknown as NodeJS.ProcessEnv,
    timeout: 20_000,
  })
  const reply = run.stdout.includes('REPLY ') ? JSON.parse(run.stdout.split('REPLY ')[1].split('\n')[0]) : null
  return { run, reply }
}

describe('云函数部署包', () => {
  let sandbox: string
  beforeAll(() => {
    sandbox = mkdtempSync(path.join(tmpdir(), 'loushi-bundles-'))
  })
  afterAll(() => rmSync(sandbox, { recursive: true, force: true }))

  it('每个函数目录都有构建好的入口', () => {
    for (const name of allNames) expect(existsSync(path.join(functionsDir, name, 'index.js'))).toBe(true)
  })

  it.each(allNames)('%s：package.json 只声明运行时要的 wx-server-sdk', (name) => {
    const pkg = JSON.parse(readFileSync(path.join(functionsDir, name, 'package.json'), 'utf8'))
    expect(pkg.main).toBe('index.js')
    expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk'])
  })

  // 写 Word 的 docx 与写 Excel 的 exceljs 比其余代码加起来还大：只进用到它们的包（冷启动时每个包都要整个读进来）。
  // 认它们的是各自写进文件的内容类型（压缩后仍原样留在包里）。
  it.each(allNames)('%s：只带自己要写的文件格式的库', (name) => {
    const code = readFileSync(path.join(functionsDir, name, 'index.js'), 'utf8')
    expect(code.includes('officedocument.wordprocessingml')).toBe(name === 'summary')
    expect(code.includes('officedocument.spreadsheetml')).toBe(name === 'stats')
  })

  it.each(allNames)('%s：config.json 声明它用到的云调用，和它的定时触发器（只有 tally 有）', (name) => {
    const config = JSON.parse(readFileSync(path.join(functionsDir, name, 'config.json'), 'utf8'))
    expect(config.permissions.openapi).toEqual(OPENAPI_BY_FUNCTION[name])
    expect(config.triggers).toEqual(TRIGGERS_BY_FUNCTION[name])
  })

  it('cloudbaserc.json（CloudBase CLI 部署用）列出每个函数，超时按表（没有一个是平台默认的 3 s），tally 带定时触发器', () => {
    const rc = JSON.parse(readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8')) as { functions: { name: string; timeout: number; triggers?: unknown }[] }
    const directories = readdirSync(functionsDir).filter((n) => existsSync(path.join(functionsDir, n, 'main.ts')))
    expect(rc.functions.map((f) => f.name).sort()).toEqual(directories.sort())
    for (const f of rc.functions) {
      expect(f.timeout).toBe(TIMEOUT_SECONDS_BY_FUNCTION[f.name])
      expect(f.timeout).toBeGreaterThan(3)
      expect(f.triggers).toEqual(TRIGGERS_BY_FUNCTION[f.name])
    }
    expect(rc.functions.find((f) => f.name === 'tally')?.timeout).toBe(60)
  })

  it('tally：每 5 分钟的第 0 秒触发一次（七位 cron）；小程序端调用它，拒收且不碰网络', () => {
    expect(TRIGGERS_BY_FUNCTION.tally).toEqual([{ name: 'foldTallies', type: 'timer', config: '0 */5 * * * * *' }])
    const { run, reply } = runBundle(sandbox, 'tally', 'tally-client', {})
    expect(reply).toEqual({ code: 'FORBIDDEN', message: '这个云函数只由定时触发器调用', data: null })
    expect(run.stdout).not.toContain('NETWORK_ATTEMPTS')
  })

  it('报事函数声明了内容检测与订阅消息，账号函数声明了小程序码', () => {
    expect(OPENAPI_BY_FUNCTION.reports).toEqual(expect.arrayContaining(['security.msgSecCheck', 'security.mediaCheckAsync', 'subscribeMessage.send']))
    expect(OPENAPI_BY_FUNCTION.account).toContain('wxacode.getUnlimited')
  })

  it.each(names)('%s：在空目录里用普通 Node 加载，对坏事件答校验错误，不碰网络', (name) => {
    const { run, reply } = runBundle(sandbox, name, name, BAD_EVENTS[name].event)
    expect(run.stderr).toBe('')
    expect(run.stdout).not.toContain('NETWORK_ATTEMPTS')
    expect(reply.code).toBe('INVALID')
    expect(reply.message).toMatch(BAD_EVENTS[name].expect)
    expect(reply.data).toBeNull()
  })

  it('用例失败时（这里：连不上数据库）答 INTERNAL，并写一行 JSON 日志进 stderr（云开发日志服务收的就是它）', () => {
    // 沙箱里没有云开发凭证，SDK 内部还会留下一个没人接的 rejection；接住它，免得进程在答复前退出。
    const prelude = "process.on('unhandledRejection', () => undefined);"
    const { run, reply } = runBundle(sandbox, 'reports', 'reports-failing', { action: 'submit', payload: aReport() }, prelude)
    expect(reply).toEqual({ code: 'INTERNAL', message: '服务暂时不可用，请稍后再试', data: null })
    expect(run.stdout).toContain('NETWORK_ATTEMPTS')
    const entries = run.stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: string; message: string; time: string; error?: { message?: string; stack?: string } })
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ level: 'error', message: 'reports.submit 失败' })
    expect(new Date(entries[0].time).toISOString()).toBe(entries[0].time)
    expect(entries[0].error?.message).toContain('测试禁止访问网络')
  }, 30_000)

  describe('mediaCheck（接收 wxa_media_check 推送）', () => {
    const push = {
      ToUserName: 'gh_7bf1f1389686',
      FromUserName: 'o-bundle-test',
      CreateTime: 1762329554,
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: 'wx0000000000000000',
      trace_id: '690b03d2-301f6111-35ffbd44',
      version: 2,
      result: { suggest: 'pass', label: '100' },
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: '100', prob: 90 }],
    }
    const logEntries = (stderr: string) =>
      stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { level: string; message: string; details?: Record<string, unknown> })

    it('小程序端伪造的推送（上下文带 OPENID、来源 wx_client）：拒收，不初始化 SDK、不碰网络，记一行 warn', () => {
      const { run, reply } = runBundle(sandbox, 'mediaCheck', 'mediaCheck-client', push)
      expect(reply).toEqual({ code: 'FORBIDDEN', message: '这个云函数只接收微信平台的图片检测推送', data: null })
      expect(run.stdout).not.toContain('NETWORK_ATTEMPTS')
      expect(logEntries(run.stderr)).toEqual([
        expect.objectContaining({
          level: 'warn',
          message: '拒收 mediaCheck 调用：不是平台推送',
          details: { reason: '调用来源是 wx_client', source: 'wx_client', openid: 'o-bundle-test' },
        }),
      ])
    })

    it('平台推送（没有小程序端的来源）：收下并去写数据库（沙箱里写不成，答 INTERNAL 并记 error）', () => {
      const prelude = "process.on('unhandledRejection', () => undefined);"
      const { run, reply } = runBundle(sandbox, 'mediaCheck', 'mediaCheck-push', push, prelude, { WX_CONTEXT_KEYS: 'WX_APPID', WX_APPID: 'wx0000000000000000' })
      expect(reply).toEqual({ code: 'INTERNAL', message: '服务暂时不可用，请稍后再试', data: null })
      expect(logEntries(run.stderr).map((e) => [e.level, e.message])).toEqual([['error', 'mediaCheck 记录检测结论失败']])
    }, 30_000)
  })
})
