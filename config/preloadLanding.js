/**
 * H5：index.html 里预加载落地页的 chunk（<link rel="preload" as="script">）。
 *
 * 为什么：Taro 的路由要等 app.js 下载、执行完才按需请求页面的 chunk，扫码打开时这又是一个往返（CPU 忙时 200 ms 上下）。
 * 预加载让它与 app.js 同时下载；路由要它时已在缓存里。只预加载脚本（样式小），与 app.js、先发的 account.landing
 * 一起也不超过浏览器对同一主机的 6 个连接。落地页以外的地址（代表的页面等）多下载约 70 KB，不执行。
 */
const HtmlWebpackPlugin = require('html-webpack-plugin')

const LANDING_PAGE = /src[\\/]pages[\\/]building[\\/]index\.tsx$/

class PreloadLandingChunk {
  apply(compiler) {
    compiler.hooks.compilation.tap('PreloadLandingChunk', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('PreloadLandingChunk', (data) => {
        const publicPath = compilation.outputOptions.publicPath === 'auto' ? '/' : compilation.outputOptions.publicPath || '/'
        const files = []
        for (const chunk of compilation.chunks) {
          if (chunk.canBeInitial()) continue
          const modules = [...compilation.chunkGraph.getChunkModulesIterable(chunk)].flatMap((m) => (m.modules ? [...m.modules] : [m]))
          if (!modules.some((m) => LANDING_PAGE.test(m.resource || ''))) continue
          for (const file of chunk.files) if (file.endsWith('.js')) files.push(file)
        }
        if (files.length === 0) throw new Error('PreloadLandingChunk：找不到落地页 src/pages/building/index.tsx 所在的 chunk')
        for (const file of files)
          data.headTags.push(
            HtmlWebpackPlugin.createHtmlTagObject('link', { rel: 'preload', as: 'script', href: `${publicPath}${file}` }, undefined, {
              plugin: 'PreloadLandingChunk',
            }),
          )
        return data
      })
    })
  }
}

module.exports = PreloadLandingChunk
