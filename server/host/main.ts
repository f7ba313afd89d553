/**
 * npm start 的宿主入口：打开（必要时创建并播种）SQLite 文件，在 127.0.0.1 上提供 H5 与函数。
 * 配置：PORT（默认 8787）、HOST（默认 127.0.0.1）、LOUSHI_DATA_DIR（默认 ./data）、LOUSHI_H5_DIR（默认 ./dist/h5）、
 * LOUSHI_PUBLIC_URL（二维码里的地址）、LOUSHI_BLOCKED_WORDS（本地内容检测词表，逗号分隔）、LOUSHI_TEMPLATE_*（订阅消息模板）、
 * LOUSHI_DEMO=0（关掉演示身份、发件箱与演示数据）、LOUSHI_DEMO_ON_NETWORK=1（在非回环地址上也开演示模式；
 * 演示模式只答 Host 为本机名字或 LOUSHI_PUBLIC_URL 主机名的请求）。
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { systemClock } from '../functions'
import { createLocalPlatform } from '../platform/local'
import { createTextLogger } from '../platform/logger'
import { openSqliteStore } from '../storage/sqlite'
import { createHost } from './app'
import { decideDemoMode, demoHostnames, isLoopback } from './demoMode'
import { DEMO_BUILDINGS, seedDemo } from './seed'
import { OLD_ESTATE_BUILDINGS, OLD_ESTATE_NAME } from './seedOldEstate'

const logger = createTextLogger()

async function main() {
  const dataDir = path.resolve(process.env.LOUSHI_DATA_DIR ?? 'data')
  mkdirSync(dataDir, { recursive: true })
  const dbFile = path.join(dataDir, 'loushi.db')
  // 成组提交：一轮事件循环的写一起提交，答复在提交之后（groupCommit.ts）。一组提交失败就退出，与被杀掉一样：
  // 没答的请求由客户端带同一个请求编号重试，答过的都已提交。
  const store = openSqliteStore(dbFile, {
    groupCommit: {
      onFailure(error) {
        logger.error('写入提交失败，宿主退出', { error })
        process.exit(1)
      },
    },
  })
  const port = Number(process.env.PORT ?? 8787)
  const hostname = process.env.HOST ?? '127.0.0.1'
  // 二维码里写的地址：手机要扫得到，就设成局域网地址（LOUSHI_PUBLIC_URL=http://192.168.1.5:8787）。
  const publicBaseUrl = process.env.LOUSHI_PUBLIC_URL ?? `http://${hostname}:${port}`
  const platform = createLocalPlatform({ dataDir, publicBaseUrl, blockedWords: (process.env.LOUSHI_BLOCKED_WORDS ?? '').split(',').filter(Boolean) })
  const { demo, refusal } = decideDemoMode(hostname, process.env)
  if (refusal) {
    store.close()
    console.error(refusal)
    process.exit(2)
  }
  if (demo && !isLoopback(hostname) && demoHostnames(process.env).length === 0) {
    console.warn('演示模式只答 Host 为 127.0.0.1 / localhost 的请求：要让手机用局域网地址访问，设 LOUSHI_PUBLIC_URL=http://<局域网地址>:<端口>')
  }
  const communities = store.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM communities').get()?.n ?? 0
  if (demo && communities === 0) {
    const seeded = await seedDemo(store, { now: systemClock.now(), files: platform.files })
    console.log(
      `已播种演示数据：春晖苑 ${DEMO_BUILDINGS.length} 栋楼，${seeded.reports} 条报事、${seeded.follows} 次"我也遇到"、${seeded.photos} 张照片（${dbFile})`,
    )
    if (seeded.oldEstate) console.log(`  另有${OLD_ESTATE_NAME}（无物业的老旧小区）${OLD_ESTATE_BUILDINGS.length} 栋楼，${seeded.oldEstate.reports} 条报事`)
  }
  const host = createHost({
    store,
    clock: systemClock,
    platform,
    staticDir: path.resolve(process.env.LOUSHI_H5_DIR ?? 'dist/h5'),
    logger,
    demo,
    demoHostnames: demoHostnames(process.env),
  })
  host.listen(port, hostname, () => {
    const address = host.address()
    const actual = typeof address === 'object' && address ? address.port : port
    const base = `http://${hostname}:${actual}`
    console.log(`楼事通本地宿主已启动：${base}`)
    console.log(`  1号楼扫码页：${base}/b/${DEMO_BUILDINGS[0].code}`)
    console.log(`  ${OLD_ESTATE_NAME} 1号楼扫码页：${base}/b/${OLD_ESTATE_BUILDINGS[0].code}`)
    console.log(`  数据文件：${dbFile}`)
  })
  const stop = () => host.close(() => (store.close(), process.exit(0)))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  logger.error('宿主启动失败', { error })
  process.exit(1)
})
