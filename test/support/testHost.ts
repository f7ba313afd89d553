/**
 * 测试用的本地宿主：临时目录里一个真实的 SQLite 文件与本地平台，监听 127.0.0.1 的随机端口。
 * stop() 等完本地的图片检测、关掉连接与存储、删掉目录。
 */
import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createHost } from '../../server/host/app'
import { createLocalPlatform, type LocalPlatform } from '../../server/platform/local'
import { createTextLogger } from '../../server/platform/logger'
import type { Clock } from '../../src/core/shared/ports'
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite'

export interface TestHost {
  dir: string
  store: SqliteStore
  platform: LocalPlatform
  server: http.Server
  port: number
  base: string
  stop(): Promise<void>
}

export interface TestHostOptions {
  /** 临时目录名的前缀。 */
  prefix: string
  /** 宿主创建之前的准备（放静态文件、替换存储的方法）。 */
  prepare?: (dir: string, store: SqliteStore) => void
  /** 相对临时目录的静态目录（默认不存在的 no-h5：只提供函数）。 */
  staticDir?: string
  /** 日志行交给它（默认丢弃）。 */
  log?: (line: string) => void
  demo?: boolean
  /** 演示模式下另外接受的 Host 主机名。 */
  demoHostnames?: string[]
  /** 宿主与本地平台共用的时钟（签名地址的有效期按它算）；默认停在 2026-11-20 10:00（北京时间）。 */
  clock?: Clock
}

const FIXED_CLOCK: Clock = { now: () => '2026-11-20T02:00:00.000Z' }

export async function startTestHost({
  prefix,
  prepare,
  staticDir = 'no-h5',
  log = () => undefined,
  demo,
  demoHostnames,
  clock = FIXED_CLOCK,
}: TestHostOptions): Promise<TestHost> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  const store = openSqliteStore(path.join(dir, 'host.db'))
  prepare?.(dir, store)
  const platform = createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:0', logMessages: false, mediaCheckDelayMs: 0, clock })
  const server = createHost({ store, clock, platform, staticDir: path.join(dir, staticDir), logger: createTextLogger(log), demo, demoHostnames })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    dir,
    store,
    platform,
    server,
    port,
    base: `http://127.0.0.1:${port}`,
    async stop() {
      await platform.settleMediaChecks()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
