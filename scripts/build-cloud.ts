/**
 * npm run build:cloud：把每个云函数打包成可直接上传的 cloudfunctions/<name>/index.js。
 * 部署后的函数只看得见自己的目录，所以领域与适配器代码都打进包里；
 * 只有运行时依赖 wx-server-sdk 留作外部依赖，写进各自的 package.json；
 * 各自用到的云调用权限与定时触发器写进 config.json。
 */
import { build } from 'esbuild'
import { readdirSync, statSync, writeFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { OPENAPI_BY_FUNCTION, TIMEOUT_SECONDS_BY_FUNCTION, TRIGGERS_BY_FUNCTION } from '../server/platform/wechat'

const root = path.resolve(__dirname, '..')
const functionsDir = path.join(root, 'cloudfunctions')
const RUNTIME_DEPS = { 'wx-server-sdk': '~4.0.2' }

async function main() {
  const names = readdirSync(functionsDir).filter((n) => existsSync(path.join(functionsDir, n, 'main.ts')))
  for (const name of names) {
    const dir = path.join(functionsDir, name)
    const started = Date.now()
    await build({
      entryPoints: [path.join(dir, 'main.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      legalComments: 'none',
      minify: true,
      keepNames: true,
      logLevel: 'warning',
    })
    const triggers = TRIGGERS_BY_FUNCTION[name]
    writeFileSync(
      path.join(dir, 'config.json'),
      `${JSON.stringify({ permissions: { openapi: OPENAPI_BY_FUNCTION[name] ?? [] }, ...(triggers && { triggers }) }, null, 2)}\n`,
    )
    writeFileSync(
      path.join(dir, 'package.json'),
      `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: RUNTIME_DEPS }, null, 2)}\n`,
    )
    const kb = (statSync(path.join(dir, 'index.js')).size / 1024).toFixed(1)
    console.log(`${name.padEnd(10)} index.js ${kb.padStart(7)} KB  ${Date.now() - started} ms`)
  }
  writeFileSync(path.join(root, 'cloudbaserc.json'), `${JSON.stringify(cloudbaseRc(names), null, 2)}\n`)
}

/**
 * CloudBase CLI（tcb fn deploy）的配置：每个函数的超时与定时触发器。环境 ID 取自 .env 里的 LOUSHI_CLOUD_ENV。
 * 在微信开发者工具里上传的，超时要在控制台设置（config.json 只管云调用权限与触发器）。
 */
function cloudbaseRc(names: string[]) {
  return {
    version: '2.0',
    envId: '{{env.LOUSHI_CLOUD_ENV}}',
    functionRoot: './cloudfunctions',
    functions: names.map((name) => ({
      name,
      timeout: TIMEOUT_SECONDS_BY_FUNCTION[name] ?? 10,
      runtime: 'Nodejs16.13',
      installDependency: true,
      handler: 'index.main',
      ...(TRIGGERS_BY_FUNCTION[name] && { triggers: TRIGGERS_BY_FUNCTION[name] }),
    })),
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
