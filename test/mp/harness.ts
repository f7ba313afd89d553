/**
 * 小程序渲染测试的夹具：用 miniprogram-simulate 渲染**真实的 weapp 测试构建**(dist/weapp-test）。
 *
 * 先构建：`npm run build:weapp:test`（不压缩，调用栈可读）。然后在测试文件里：
 *
 *   const mp = setupMp({ functions: (name, data) => … })   // 每个测试文件一次
 *   afterEach(() => mp.cleanup())
 *   const page = await mp.renderPage('pages/building/index', { b: 'CHY1' })
 *   await page.waitForText('我要报事')
 *   await page.tap('action-report')
 *
 * 它做的事：
 * - 全局 App / getApp / getCurrentPages;Page(opts) 变成 Component(),attached 时调用 onLoad(query) 与 onShow();
 * - wx.cloud.callFunction 交给测试给的处理函数（（name, {action,payload}) → {code,message,data}),
 *   数据先 JSON 往返一次（与真实网络一样只传可序列化的值），每次调用记进 mp.calls;
 * - wx.showToast / navigateTo / redirectTo / reLaunch / switchTab / navigateBack / showModal 记进数组并回调 success;
 * - wx 的本地存储换成内存 Map（模拟器自带的是空操作）；wx.createSelectorQuery 交给当前页面自己的（模拟器的不能链式调用）；
 * - app.js 只加载一次并调用 onLaunch / onShow；每个页面文件每个测试文件只能 load 一次（第二次 require 不会再调 Page()),
 *   所以这里按路由缓存组件 id，之后可以反复渲染。
 *
 * 限制：一次只挂一个页面（renderPage 会先卸载上一个）；导航只记录，不真的打开目标页面。
 */
import fs from 'node:fs'
import path from 'node:path'

export const DEFAULT_DIST = path.resolve(__dirname, '../../dist/weapp-test')

/** 云函数事件：与 src/core/api.ts 的 FunctionEvent 相同。 */
export interface FunctionData {
  action: string
  payload: unknown
}
/** 测试给的云函数处理：返回云函数的 reply({ code, message, data }）。抛错 = 网络失败。 */
export type MpFunctionHandler = (name: string, data: FunctionData) => Promise<unknown>

export interface FunctionCall {
  name: string
  action: string
  payload: unknown
}
export type NavigationKind = 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab' | 'navigateBack'
export interface Navigation {
  kind: NavigationKind
  url?: string
  delta?: number
}
export interface Toast {
  title: string
  icon?: string
}
export interface Modal {
  title?: string
  content?: string
}

export interface SetupOptions {
  /** 构建目录，默认 dist/weapp-test。 */
  dist?: string
  functions?: MpFunctionHandler
  /** wx.showModal 的回答：默认"确定"。 */
  modalConfirm?: boolean
  /** wx.getAppBaseInfo 多答的字段（如用户的字体倍率 fontSizeScaleFactor）。 */
  appBaseInfo?: Record<string, unknown>
}

export interface PageHandle {
  readonly route: string
  readonly query: Readonly<Record<string, string>>
  /** 页面实例（Page 里的 this）。 */
  readonly instance: PageInstance
  /** 页面上全部文字（textContent）。 */
  text(): string
  html(): string
  hasText(text: string | RegExp): boolean
  /** 轮询直到页面文字包含 text；超时时报出当前文字。 */
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<void>
  waitForNoText(text: string | RegExp, timeoutMs?: number): Promise<void>
  /** 轮询直到 check 返回真值，返回该值。 */
  waitFor<T>(check: () => T | null | undefined | false, timeoutMs?: number, what?: string): Promise<T>
  /** 所有由代码设置的 id（不含 Taro 自动生成的 _A… 节点号）。 */
  ids(): string[]
  exists(id: string): boolean
  /** 有该 id 的元素的文字。 */
  textOf(id: string): string
  /** 有该 id 的元素的 class。 */
  classOf(id: string): string
  /** 对有该 id 的元素触发 tap。 */
  tap(id: string): Promise<void>
  /**
   * 给 textarea / input 输入（触发 input 事件，detail.value = value）。target:
   * - '#id'：该 id 的元素（若它不是原生输入框，取它里面的第一个）；
   * - 'textarea' / 'input'，或 'input:2'（第 3 个 input，从 0 数）；
   * - 其他：按 placeholder 的子串匹配。
   */
  input(target: string, value: string): Promise<void>
  unmount(): Promise<void>
}

export interface MpHarness {
  readonly dist: string
  /** 云函数调用记录（载荷是 JSON 往返后的副本）。 */
  readonly calls: FunctionCall[]
  readonly navigations: Navigation[]
  readonly toasts: Toast[]
  readonly modals: Modal[]
  /** wx 本地存储（内存）。 */
  readonly storage: Map<string, unknown>
  setFunctions(handler: MpFunctionHandler): void
  renderPage(route: string, query?: Record<string, string>): Promise<PageHandle>
  /** 清空调用、导航、提示记录（不动存储）。 */
  clearRecords(): void
  /** 卸载当前页面、清空记录与存储。放在 afterEach。 */
  cleanup(): Promise<void>
  /** 让出几轮事件循环，让 React 与 setData 跑完。 */
  settle(): Promise<void>
}

/* ---------- miniprogram-simulate / exparser 的最小类型（不引入它们的全局 wx 类型） ---------- */

interface Simulate {
  load(componentPath: string, options: { compiler: 'official'; rootPath: string }): string
  render(id: string, properties?: Record<string, unknown>): RootComponent
}
interface RootComponent {
  readonly dom: HTMLElement
  readonly _exparserNode: ExNode
  attach(parent: Node): void
  detach(): void
}
interface ExNode {
  id?: string
  is?: string
  $$?: HTMLElement
  shadowRoot?: ExNode
  childNodes?: ExNode[]
  _vt?: { attrs?: { name: string; value: unknown }[] }
}
interface Exparser {
  Element: new (...args: never[]) => ExNode
  Event: {
    create(name: string, detail: unknown, options: Record<string, unknown>): unknown
    dispatchEvent(target: ExNode, event: unknown): void
  }
}

/** 页面实例：Taro 的页面配置方法加上 j-component 的组件实例方法。 */
export interface PageInstance {
  route?: string
  __route__?: string
  options?: Record<string, string>
  onLoad?(query: Record<string, string>): void
  onShow?(): void
  onReady?(): void
  onHide?(): void
  onUnload?(): void
  createSelectorQuery(): unknown
  [key: string]: unknown
}

type WxOptions = Record<string, unknown> & {
  success?: (res: unknown) => void
  fail?: (err: unknown) => void
  complete?: (res: unknown) => void
}

interface AppInstance {
  onLaunch?(options: unknown): void
  onShow?(options: unknown): void
  [key: string]: unknown
}

/* ---------- 实现 ---------- */

const NATIVE_INPUTS = new Set(['input', 'textarea'])
const AUTO_ID = /^_[A-Za-z0-9]+$/
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

let harness: MpHarness | null = null

/**
 * 设置全局并加载 app.js。每个测试文件第一次调用时生效；再次调用返回同一个夹具（可换处理函数）。
 */
export function setupMp(options: SetupOptions = {}): MpHarness {
  if (harness) {
    if (options.functions) harness.setFunctions(options.functions)
    return harness
  }
  harness = createHarness(options)
  return harness
}

function createHarness(options: SetupOptions): MpHarness {
  const dist = options.dist ?? DEFAULT_DIST
  if (!fs.existsSync(path.join(dist, 'app.js'))) {
    throw new Error(`找不到小程序测试构建 ${dist}/app.js：先运行 npm run build:weapp:test`)
  }

  // 顺序要紧：模拟器在 require 时注册 global.Component 与 global.wx，我们的替换要在它之后、app.js 之前。
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as Simulate
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exparser = require('miniprogram-exparser') as Exparser

  const g = globalThis as unknown as Record<string, unknown>
  const wx = g.wx as Record<string, unknown>
  const Component = g.Component as (definition: Record<string, unknown>) => void

  const calls: FunctionCall[] = []
  const navigations: Navigation[] = []
  const toasts: Toast[] = []
  const modals: Modal[] = []
  const storage = new Map<string, unknown>()
  let functions: MpFunctionHandler | undefined = options.functions
  const pageStack: PageInstance[] = []
  let app: AppInstance | null = null

  /* ----- 全局：App / getApp / getCurrentPages / Page ----- */

  g.App = (appOptions: AppInstance) => {
    app = appOptions
  }
  g.getApp = () => app
  g.getCurrentPages = () => [...pageStack]

  // 正在 load 的页面路由（Page() 在 load 期间同步调用），与下一次渲染要用的参数。
  let loadingRoute: string | null = null
  let nextQuery: Record<string, string> = {}

  g.Page = (pageOptions: Record<string, unknown>) => {
    const route = loadingRoute
    if (!route) throw new Error('Page() 在 renderPage 之外被调用')
    const methods: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(pageOptions)) if (typeof value === 'function') methods[key] = value
    Component({
      data: (pageOptions.data as Record<string, unknown>) ?? {},
      methods,
      lifetimes: {
        attached(this: PageInstance) {
          const query = { ...nextQuery }
          this.route = route
          this.__route__ = route
          this.options = query
          pageStack.push(this)
          this.onLoad?.(query)
          this.onShow?.()
        },
        ready(this: PageInstance) {
          this.onReady?.()
        },
        detached(this: PageInstance) {
          const i = pageStack.indexOf(this)
          if (i >= 0) pageStack.splice(i, 1)
        },
      },
    })
  }

  /* ----- wx：回调式接口 ----- */

  const succeed = (api: string, opts: WxOptions | undefined, res: Record<string, unknown> = {}) => {
    const result = { errMsg: `${api}:ok`, ...res }
    // 与真机一样异步回调。
    setTimeout(() => {
      opts?.success?.(result)
      opts?.complete?.(result)
    }, 0)
  }

  const navigate = (kind: NavigationKind) => (opts: WxOptions) => {
    navigations.push(kind === 'navigateBack' ? { kind, delta: (opts?.delta as number) ?? 1 } : { kind, url: String(opts?.url ?? '') })
    succeed(kind, opts)
  }
  // 微信的字体设置（关怀模式）：默认标准字号。
  wx.getAppBaseInfo = () => ({ SDKVersion: '3.0.0', language: 'zh_CN', fontSizeSetting: 17, fontSizeScaleFactor: 1, ...options.appBaseInfo })
  wx.navigateTo = navigate('navigateTo')
  wx.redirectTo = navigate('redirectTo')
  wx.reLaunch = navigate('reLaunch')
  wx.switchTab = navigate('switchTab')
  wx.navigateBack = navigate('navigateBack')

  wx.showToast = (opts: WxOptions) => {
    toasts.push({ title: String(opts?.title ?? ''), icon: opts?.icon as string | undefined })
    succeed('showToast', opts)
  }
  wx.hideToast = (opts?: WxOptions) => succeed('hideToast', opts)
  wx.showLoading = (opts?: WxOptions) => succeed('showLoading', opts)
  wx.hideLoading = (opts?: WxOptions) => succeed('hideLoading', opts)
  wx.showModal = (opts: WxOptions) => {
    modals.push({ title: opts?.title as string | undefined, content: opts?.content as string | undefined })
    const confirm = options.modalConfirm ?? true
    succeed('showModal', opts, { confirm, cancel: !confirm })
  }

  /* ----- wx：存储（内存） ----- */

  const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T))
  wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, copy(value))
  wx.getStorageSync = (key: string) => (storage.has(key) ? copy(storage.get(key)) : '')
  wx.removeStorageSync = (key: string) => void storage.delete(key)
  wx.clearStorageSync = () => storage.clear()
  wx.getStorageInfoSync = () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 })
  wx.setStorage = (opts: WxOptions) => {
    storage.set(String(opts.key), copy(opts.data))
    succeed('setStorage', opts)
  }
  wx.getStorage = (opts: WxOptions) => {
    const key = String(opts.key)
    if (storage.has(key)) succeed('getStorage', opts, { data: copy(storage.get(key)) })
    else setTimeout(() => (opts.fail?.({ errMsg: 'getStorage:fail data not found' }), opts.complete?.({})), 0)
  }
  wx.removeStorage = (opts: WxOptions) => {
    storage.delete(String(opts.key))
    succeed('removeStorage', opts)
  }
  wx.clearStorage = (opts?: WxOptions) => {
    storage.clear()
    succeed('clearStorage', opts)
  }

  /* ----- wx：选择器查询交给当前页面 ----- */

  wx.createSelectorQuery = () => {
    const page = pageStack[pageStack.length - 1]
    if (!page) throw new Error('wx.createSelectorQuery：当前没有页面')
    return page.createSelectorQuery()
  }

  /* ----- wx.cloud ----- */

  wx.cloud = {
    init() {},
    callFunction(opts: WxOptions & { name: string; data?: FunctionData }) {
      const data = copy(opts.data ?? { action: '', payload: undefined }) as FunctionData
      calls.push({ name: opts.name, action: data.action, payload: copy(data.payload) })
      const handler = functions
      const promise = (async () => {
        if (!handler) throw new Error('测试没有提供云函数处理（setupMp({ functions }))')
        // 返回值同样 JSON 往返：页面拿到的只能是可序列化的数据。
        const reply = copy(await handler(opts.name, data))
        return { errMsg: 'cloud.callFunction:ok', result: reply, requestID: `mp-test-${calls.length}` }
      })()
      if (opts.success || opts.fail || opts.complete) {
        promise.then(
          (res) => (opts.success?.(res), opts.complete?.(res)),
          (err: Error) => {
            const res = { errMsg: `cloud.callFunction:fail ${err?.message ?? err}` }
            opts.fail?.(res)
            opts.complete?.(res)
          },
        )
        return undefined
      }
      return promise
    },
  }

  /* ----- 加载 app.js（一次） ----- */

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(dist, 'app.js'))
  if (!app) throw new Error(`${dist}/app.js 没有调用 App()`)
  const launch = { path: 'pages/building/index', query: {}, scene: 1001, referrerInfo: {} }
  ;(app as AppInstance).onLaunch?.(launch)
  ;(app as AppInstance).onShow?.(launch)

  /* ----- 页面 ----- */

  const componentIds = new Map<string, string>()
  const loadPage = (route: string): string => {
    const cached = componentIds.get(route)
    if (cached) return cached
    const file = path.join(dist, route)
    if (!fs.existsSync(`${file}.js`)) throw new Error(`构建里没有页面 ${route}(${file}.js)`)
    loadingRoute = route
    try {
      const id = simulate.load(file, { compiler: 'official', rootPath: dist })
      componentIds.set(route, id)
      return id
    } finally {
      loadingRoute = null
    }
  }

  const settle = async () => {
    for (let i = 0; i < 3; i++) await sleep(0)
  }

  let current: PageHandle | null = null
  let host: HTMLElement | null = null

  /** 深度遍历 exparser 树，包括自定义组件（Taro 的 comp）的 shadow 树。 */
  const walk = (node: ExNode, visit: (n: ExNode) => void) => {
    if (node instanceof exparser.Element) {
      visit(node)
      if (node.shadowRoot) walk(node.shadowRoot, visit)
    }
    for (const child of node.childNodes ?? []) walk(child, visit)
  }
  const nodesOf = (root: RootComponent) => {
    const nodes: ExNode[] = []
    walk(root._exparserNode, (n) => nodes.push(n))
    return nodes
  }
  const attrOf = (node: ExNode, name: string): string => {
    const attr = node._vt?.attrs?.find((a) => a.name === name)
    if (attr && attr.value != null) return String(attr.value)
    return node.$$?.getAttribute(name) ?? ''
  }

  const dispatch = (node: ExNode, name: string, detail: unknown) => {
    exparser.Event.dispatchEvent(
      node,
      exparser.Event.create(name, detail, {
        bubbles: true,
        capturePhase: true,
        composed: true,
        extraFields: { touches: {}, changedTouches: {} },
      }),
    )
  }

  const renderPage = async (route: string, query: Record<string, string> = {}): Promise<PageHandle> => {
    route = route.replace(/^\//, '')
    if (current) await current.unmount()
    const id = loadPage(route)
    nextQuery = { ...query }
    const root = simulate.render(id)
    host = document.createElement('div')
    document.body.appendChild(host)
    root.attach(host)
    const instance = pageStack[pageStack.length - 1]
    let mounted = true

    const describe = () => `页面 ${route} 当前文字：「${text()}」`
    const text = () => root.dom.textContent ?? ''
    const matches = (t: string | RegExp) => (typeof t === 'string' ? text().includes(t) : t.test(text()))

    const waitFor = async <T>(check: () => T | null | undefined | false, timeoutMs = 3000, what = '条件'): Promise<T> => {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const value = check()
        if (value) return value
        if (Date.now() > deadline) throw new Error(`等待${what}超时（${timeoutMs} ms）。${describe()}`)
        await sleep(10)
      }
    }

    const byId = (elementId: string): ExNode => {
      const node = nodesOf(root).find((n) => n.id === elementId)
      if (!node) throw new Error(`页面 ${route} 上没有 id 为 ${elementId} 的元素；现有：${handle.ids().join(', ') || '（无）'}`)
      return node
    }

    const findInput = (target: string): ExNode => {
      const inputs = (within: ExNode[]) => within.filter((n) => NATIVE_INPUTS.has(n.is ?? ''))
      if (target.startsWith('#')) {
        const node = byId(target.slice(1))
        if (NATIVE_INPUTS.has(node.is ?? '')) return node
        const inner: ExNode[] = []
        walk(node, (n) => inner.push(n))
        const found = inputs(inner)[0]
        if (!found) throw new Error(`#${node.id} 里没有 input / textarea`)
        return found
      }
      const all = inputs(nodesOf(root))
      const tag = /^(input|textarea)(?::(\d+))?$/.exec(target)
      const found = tag ? all.filter((n) => n.is === tag[1])[Number(tag[2] ?? 0)] : all.find((n) => attrOf(n, 'placeholder').includes(target))
      if (!found) {
        const list = all.map((n) => `${n.is}「${attrOf(n, 'placeholder')}」`).join(', ')
        throw new Error(`页面 ${route} 上找不到输入框 ${target}；现有：${list || '（无）'}`)
      }
      return found
    }

    const handle: PageHandle = {
      route,
      query: { ...query },
      instance,
      text,
      html: () => root.dom.innerHTML,
      hasText: matches,
      waitForText: async (t, timeoutMs) => {
        await waitFor(() => matches(t), timeoutMs, `文字「${t}」出现`)
      },
      waitForNoText: async (t, timeoutMs) => {
        await waitFor(() => !matches(t), timeoutMs, `文字「${t}」消失`)
      },
      waitFor,
      ids: () =>
        nodesOf(root)
          .map((n) => n.id ?? '')
          .filter((i) => i && !AUTO_ID.test(i)),
      exists: (elementId) => nodesOf(root).some((n) => n.id === elementId),
      textOf: (elementId) => byId(elementId).$$?.textContent ?? '',
      classOf: (elementId) => byId(elementId).$$?.getAttribute('class') ?? '',
      tap: async (elementId) => {
        dispatch(byId(elementId), 'tap', { x: 0, y: 0 })
        await settle()
      },
      input: async (target, value) => {
        const node = findInput(target)
        dispatch(node, 'input', { value, cursor: value.length, keyCode: 0 })
        await settle()
      },
      unmount: async () => {
        if (!mounted) return
        mounted = false
        instance?.onHide?.()
        instance?.onUnload?.()
        await settle()
        root.detach()
        host?.remove()
        if (current === handle) current = null
      },
    }
    current = handle
    await settle()
    return handle
  }

  return {
    dist,
    calls,
    navigations,
    toasts,
    modals,
    storage,
    setFunctions(handler) {
      functions = handler
    },
    renderPage,
    clearRecords() {
      calls.length = 0
      navigations.length = 0
      toasts.length = 0
      modals.length = 0
    },
    async cleanup() {
      if (current) await current.unmount()
      this.clearRecords()
      storage.clear()
    },
    settle,
  }
}
