// 以 node --require 预加载：任何网络访问（DNS、TCP、HTTP(S)、fetch）都记下并失败。
// 用来证明云函数包加载与校验失败的路径不碰网络。
const net = require('node:net')
const dns = require('node:dns')
const attempts = []
const refuse = (what) => {
  attempts.push(what)
  throw new Error(`测试禁止访问网络：${what}`)
}
net.Socket.prototype.connect = function () {
  refuse('net.connect')
}
dns.lookup = (host) => refuse(`dns.lookup ${host}`)
dns.promises.lookup = async (host) => refuse(`dns.lookup ${host}`)
globalThis.fetch = async (url) => refuse(`fetch ${url}`)
process.on('exit', () => {
  if (attempts.length) process.stdout.write(`\nNETWORK_ATTEMPTS ${JSON.stringify(attempts)}\n`)
})
