// 用 ESLint 的 Node API、按仓库的 eslint.config.mjs 检查几段代码，结果以 JSON 写到 stdout。
// 单独起一个 Node 进程：ESLint 用动态 import() 加载配置文件，jest 的模块环境里不开实验选项就做不到。
// 输入（stdin）：[{ code?, filePath }]，filePath 相对仓库根目录；给了 code 时文件不必存在，没给就检查文件本身。
// 输出：[{ messages: [{ ruleId, message }] }]，与输入一一对应。
import { Buffer } from 'node:buffer'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'))

const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') })
const results = []
for (const { code, filePath } of cases) {
  const file = path.join(root, filePath)
  const [result] = await eslint.lintText(code ?? readFileSync(file, 'utf8'), { filePath: file })
  results.push({ messages: (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message })) })
}
process.stdout.write(JSON.stringify(results))
