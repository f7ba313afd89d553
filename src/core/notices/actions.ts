/**
 * 公告的用例：居民看本楼与全小区的公告（未读标出）、打开即记一次阅读、订阅公告提醒；
 * 代表与业委会发布（内容检测、置顶、过期）、撤回、看各楼的居民知晓率。
 * 代表只能发给自己负责的楼；发给整个小区要业委会（居委会、物业）或管理员。
 */
import {
  audienceBuildings,
  defaultCommunityOf,
  scopeInCommunity,
  type CommunityScope,
  signatureOf,
  type Building,
  type Membership,
  type DirectoryStore,
  type BuildingInfoInput,
} from '../directory'
import { hourlyLimit, LIMITED, limitMessage } from '../shared/hourlyLimit'
import type { Notice } from './model'
import type { Clock, IdGenerator, Logger, Platform } from '../shared/ports'
import type { NoticeCursor, NoticeQuery, NoticeStore } from './ports'
import { type SummaryStore, residentSummaryView } from '../summaryDocument'
import { readRate } from '../shared/rates'
import { fail, ok, type Result } from '../shared/result'
import type { ManagedNoticesInput, NoticeListInput, NoticeRefInput, PublishNoticeInput, ReadNoticeInput } from './schema'
import { deltasForNotice, deltasForNoticeRead } from './tallySource'
import { newNoticeMessage } from './messages'
import { endOfChinaDay, monthOf } from '../shared/time'
import { checkText } from '../shared/contentCheck'
import { checkPhotoFiles } from '../shared/photoFiles'
import type { ManagedNoticeListView, ManagedNoticeView, NoticeItemView, NoticeListView, NoticeView } from './views'

export interface NoticeDeps {
  directory: DirectoryStore
  notices: NoticeStore
  clock: Clock
  ids: IdGenerator
  platform: Pick<Platform, 'content' | 'notifier' | 'files'>
  templates?: { newNotice?: string }
  logger: Logger
  /** 挂在公告上的工作总结（居民在公告里看、提意见）；不给时公告里不带总结。 */
  summaries?: SummaryStore
}

export const NOTICE_PAGE_SIZE = 10
const PINNED_MAX = 5
/** 一次读的最新置顶公告条数：读不满即是全部置顶公告（见 pinnedStrip）。 */
const PINNED_READ = 2 * PINNED_MAX
/** 第一页读的条数：一页、多一条（判断还有没有下一页）、再加可能归入置顶条的。 */
const PAGE_WITH_STRIP = NOTICE_PAGE_SIZE + 1 + PINNED_MAX
/** 每条公告最多给多少人发提醒（一次发布的扇出上限；更多的人在列表里看到未读）。 */
export const NOTICE_NOTIFY_LIMIT = 1000
/** 每位居民最多攒几次公告提醒额度（一次性订阅消息每点一次给一次）。 */
export const NOTICE_CREDITS_MAX = 5
const NOT_FOUND = '没有找到这条公告'

export function parseNoticeCursor(cursor: string | undefined): Result<NoticeCursor | undefined> {
  if (!cursor) return ok(undefined)
  const [publishedAt, id] = cursor.split('|')
  if (!publishedAt || !id) return fail('INVALID', '翻页位置无效，请下拉刷新')
  return ok({ publishedAt, id })
}
const cursorOf = (n: Notice) => `${n.publishedAt}|${n.id}`

/** 管着这条公告面向的楼栋之一：这个小区的业委会与管理员，或其中一栋楼的代表。 */
const managesNotice = (memberships: readonly Membership[], n: Notice) =>
  memberships.some(
    (m) =>
      m.communityId === n.communityId &&
      (m.role === 'committee' || m.role === 'admin' || (m.role === 'representative' && n.targets.some((t) => t.buildingId === m.buildingId))),
  )

const isExpired = (n: Notice, now: string) => n.expiresAt !== null && n.expiresAt <= now

const excerptOf = (body: string) => {
  const oneLine = body.replace(/\s+/g, ' ').trim()
  return Array.from(oneLine).length > 60 ? `${Array.from(oneLine).slice(0, 59).join('')}…` : oneLine
}

function noticeView(n: Notice, now: string, imageUrls: Record<string, string>): NoticeView {
  const withdrawn = n.status === 'withdrawn'
  return {
    id: n.id,
    title: n.title,
    // 撤回了的公告只留标题：正文与图片不再给出。
    body: withdrawn ? '' : n.body,
    images: withdrawn ? [] : n.images.map((f) => imageUrls[f] ?? ''),
    signedAs: n.signedAs,
    publishedAt: n.publishedAt,
    expiresAt: n.expiresAt,
    status: n.status,
    expired: isExpired(n, now),
    pinned: n.pinned,
    summary: null,
  }
}

export function createNoticeActions(deps: NoticeDeps) {
  const { directory, notices, clock, ids, platform, templates, logger } = deps

  async function imageUrls(n: Notice): Promise<Record<string, string>> {
    return n.images.length && n.status === 'published' ? platform.files.temporaryUrls(n.images) : {}
  }

  /**
   * buildings：小区的楼栋（列表一页只读一次，传进来；单条时不传就按 id 逐栋读）。
   * member.seesBuilding：看得到哪些楼的知晓率（代表只看自己管的楼，合计也只算这些楼）；不给时看全部。
   */
  async function managedView(
    n: Notice,
    member: { canWithdraw: boolean; seesBuilding?: (buildingId: string) => boolean },
    now: string,
    buildings?: Map<string, Building>,
  ): Promise<ManagedNoticeView> {
    const counts = await notices.readCounts(n.id)
    const targets = member.seesBuilding ? n.targets.filter((t) => member.seesBuilding?.(t.buildingId)) : n.targets
    const readRates = []
    for (const t of targets) {
      const b = buildings ? buildings.get(t.buildingId) : await directory.buildingById(t.buildingId)
      const count = counts[t.buildingId]?.readers ?? 0
      readRates.push({
        buildingCode: b?.code ?? '',
        buildingName: b?.name ?? '（已删除的楼）',
        households: t.households,
        readers: count,
        sharedOpens: counts[t.buildingId]?.viaShare ?? 0,
        rate: readRate(count, t.households),
      })
    }
    const total = readRate(
      readRates.reduce((a, r) => a + r.readers, 0),
      targets.reduce((a, t) => a + t.households, 0),
    )
    return {
      ...noticeView(n, now, await imageUrls(n)),
      wholeCommunity: n.wholeCommunity,
      readRates,
      total,
      sharedOpens: readRates.reduce((a, r) => a + r.sharedOpens, 0),
      canWithdraw: member.canWithdraw && n.status === 'published',
    }
  }

  /** 新公告提醒：取走目标楼里订阅者的一次额度，各发一条；发不出去不影响已发布的公告。 */
  async function notifySubscribers(n: Notice) {
    if (!templates?.newNotice) return
    const codes = new Map<string, string>()
    for (const t of n.targets) codes.set(t.buildingId, (await directory.buildingById(t.buildingId))?.code ?? '')
    for (const { openid, buildingId } of await notices.takeNoticeCredits(
      n.targets.map((t) => t.buildingId),
      NOTICE_NOTIFY_LIMIT,
    )) {
      if (openid === n.authorId) continue
      const message = newNoticeMessage(templates.newNotice, openid, n, codes.get(buildingId) ?? '')
      if (message.ok) await platform.notifier.send(message.data)
      else logger.error('新公告提醒无法生成', { details: { reason: message.message } })
    }
  }

  const publisher = (openid: string, communityId: string) => scopeInCommunity(directory, openid, communityId)

  const publish = async (openid: string, input: PublishNoticeInput): Promise<Result<ManagedNoticeView>> => {
    const me = await publisher(openid, input.communityId)
    if (me.memberships.length === 0) return fail('FORBIDDEN', '只有业主代表、业委会或管理员可以发布公告')
    const audience = await audienceBuildings(directory, me, input.communityId, input.target, {
      wholeCommunity: '发给整个小区的公告要由业委会、居委会、物业或管理员发布',
      otherBuildings: '只能发给你负责的楼栋',
    })
    if (!audience.ok) return audience
    const targets = audience.data
    const now = clock.now()
    if (input.expiresOn && endOfChinaDay(input.expiresOn) <= now) return fail('INVALID', '过期时间：不能早于今天')
    const imageProblem = await checkPhotoFiles(platform.files, input.images, '图片')
    if (imageProblem) return fail('INVALID', imageProblem)
    const verdict = await checkText(platform.content, `${input.title}\n${input.body}`, openid, logger)
    if (!verdict.ok) return fail('INVALID', verdict.reason)
    const signer = me.memberships.find((m) => m.role === 'admin') ?? me.memberships.find((m) => m.role === 'committee') ?? me.memberships[0]
    const signerBuilding = signer.buildingId ? await directory.buildingById(signer.buildingId) : null
    const notice: Notice = {
      id: ids.newId(),
      communityId: input.communityId,
      wholeCommunity: input.target.scope === 'community',
      targets: targets.map((b) => ({ buildingId: b.id, households: b.households })),
      title: input.title,
      body: input.body,
      images: input.images,
      pinned: input.pinned,
      expiresAt: input.expiresOn ? endOfChinaDay(input.expiresOn) : null,
      status: 'published',
      signedAs: signatureOf(signer, signerBuilding),
      authorId: openid,
      requestId: input.requestId,
      publishedAt: now,
      withdrawnAt: null,
      month: monthOf(now),
    }
    const inserted = await notices.insertNotice(notice, deltasForNotice(notice), hourlyLimit('notice', openid, now))
    if (inserted === LIMITED) return fail('RATE_LIMITED', limitMessage('notice'))
    const { notice: stored, created } = inserted
    if (created) {
      try {
        await notifySubscribers(stored)
      } catch (error) {
        logger.error('新公告提醒失败', { error, details: { noticeId: stored.id } })
      }
    }
    return ok(await managedView(stored, { canWithdraw: true }, now))
  }

  /**
   * 能撤回（并看到知晓率）的：这个小区的业委会与管理员，或仍管着公告面向的每一栋楼的发布人本人。
   * 发布人的身份本身不给任何权利：被移除了、或不再管那栋楼了，就和别人一样。
   */
  const mayWithdraw = (me: CommunityScope, n: Notice, openid: string) =>
    me.wholeCommunity || (n.authorId === openid && n.targets.every((t) => me.buildings.some((b) => b.id === t.buildingId)))

  /** 撤回：发布人本人（仍管着那些楼），或这个小区的业委会与管理员。 */
  const withdraw = async (openid: string, input: NoticeRefInput): Promise<Result<ManagedNoticeView>> => {
    const notice = await notices.noticeById(input.noticeId)
    if (!notice) return fail('NOT_FOUND', NOT_FOUND)
    const me = await publisher(openid, notice.communityId)
    if (!mayWithdraw(me, notice, openid)) return fail('FORBIDDEN', '只有发布人或业委会、管理员可以撤回这条公告')
    const now = clock.now()
    if (notice.status === 'published') await notices.withdrawNotice(notice.id, now)
    const after = (await notices.noticeById(notice.id)) ?? notice
    return ok(await managedView(after, { canWithdraw: true }, now))
  }

  const managed = async (openid: string, input: ManagedNoticesInput): Promise<Result<ManagedNoticeListView>> => {
    const communityId = input.communityId ?? defaultCommunityOf(await directory.membershipsOf(openid))
    if (!communityId) return fail('FORBIDDEN', '只有业主代表、业委会或管理员可以管理公告')
    const me = await publisher(openid, communityId)
    if (me.memberships.length === 0) return fail('FORBIDDEN', '你不是这个小区的业主代表、业委会或管理员')
    const before = parseNoticeCursor(input.cursor)
    if (!before.ok) return before
    const community = await directory.community(communityId)
    const now = clock.now()
    const query = me.wholeCommunity ? { communityId } : { communityId, buildingIds: me.buildings.map((b) => b.id) }
    const page = await notices.notices(query, NOTICE_PAGE_SIZE + 1, before.data)
    const items = []
    const buildings = new Map((await directory.buildingsOfCommunity(communityId)).map((b) => [b.id, b]))
    const seesBuilding = (buildingId: string) => me.wholeCommunity || me.buildings.some((b) => b.id === buildingId)
    for (const n of page.slice(0, NOTICE_PAGE_SIZE)) items.push(await managedView(n, { canWithdraw: mayWithdraw(me, n, openid), seesBuilding }, now, buildings))
    return ok({
      items,
      nextCursor: page.length > NOTICE_PAGE_SIZE ? cursorOf(page[NOTICE_PAGE_SIZE - 1]) : null,
      buildings: me.buildings.map((b) => ({ code: b.code, name: b.name })),
      canTargetCommunity: me.wholeCommunity,
      communityId,
      communityName: community?.name ?? '',
    })
  }

  /**
   * 置顶条：整个小区的（只有业委会、管理员能发）在前，一栋楼的代表置顶再多也挤不掉它们。
   * live 是已读全的在效公告（新的在前）时就从中取，不再查；否则查一次最新的置顶公告，
   * 只有读满了、其中整个小区的又不满 PINNED_MAX 条时（更早的整个小区置顶可能没读到）才再查整个小区的。
   */
  async function pinnedStrip(query: NoticeQuery, live?: readonly Notice[]): Promise<Notice[]> {
    const stripOf = (pinned: readonly Notice[], community = pinned.filter((n) => n.wholeCommunity).slice(0, PINNED_MAX)) => [
      ...community,
      ...pinned.filter((n) => !n.wholeCommunity).slice(0, PINNED_MAX - community.length),
    ]
    if (live) return stripOf(live.filter((n) => n.pinned))
    const newestPinned = await notices.notices({ ...query, pinned: true }, PINNED_READ)
    if (newestPinned.length < PINNED_READ || newestPinned.filter((n) => n.wholeCommunity).length >= PINNED_MAX) return stripOf(newestPinned)
    // 读到的楼栋置顶是最新的那些，且不少于置顶条还需要的（PINNED_READ ≥ PINNED_MAX）。
    return stripOf(newestPinned, await notices.notices({ ...query, pinned: true, wholeCommunity: true }, PINNED_MAX))
  }

  // —— 居民 ——

  const list = async (openid: string, input: NoticeListInput): Promise<Result<NoticeListView>> => {
    const building = await directory.buildingByCode(input.buildingCode)
    if (!building) return fail('NOT_FOUND', '没有找到这栋楼，请重新扫描楼栋二维码')
    const before = parseNoticeCursor(input.cursor)
    if (!before.ok) return before
    const now = clock.now()
    const query = { communityId: building.communityId, buildingIds: [building.id], liveAt: now }
    // 第一页先读够一页加置顶条的条数：不满就是全部在效公告，置顶条从中取，一次请求（楼里公告不多时）。
    const newest = before.data ? undefined : await notices.notices(query, PAGE_WITH_STRIP)
    const strip = await pinnedStrip(query, newest && newest.length < PAGE_WITH_STRIP ? newest : undefined)
    // 列表是全部在效公告（含放不进置顶条的置顶公告，按日期）去掉置顶条里的：没有哪条公告从居民那里消失。
    // 每页都按同样的置顶条去掉，翻页不丢不重。（第一页读的 PAGE_WITH_STRIP 条不少于一页加置顶条，去掉后的前一页与是否还有下一页不变。）
    const inStrip = new Set(strip.map((n) => n.id))
    const page = (newest ?? (await notices.notices(query, NOTICE_PAGE_SIZE + 1 + strip.length, before.data))).filter((n) => !inStrip.has(n.id))
    const pinned = before.data ? [] : strip
    const shown = [...pinned, ...page.slice(0, NOTICE_PAGE_SIZE)]
    // 管着公告所面向楼栋的人读了也不记知晓（见 read）；他们的列表里不显示为未读，这些也就不必查回执。
    const memberships = await directory.membershipsOf(openid)
    const readAnyway = (n: Notice) => n.authorId === openid || managesNotice(memberships, n)
    const unknown = shown.filter((n) => !readAnyway(n)).map((n) => n.id)
    const read = new Set(unknown.length ? await notices.readNoticeIds(openid, unknown) : [])
    const item = (n: Notice): NoticeItemView => ({
      id: n.id,
      title: n.title,
      excerpt: excerptOf(n.body),
      signedAs: n.signedAs,
      publishedAt: n.publishedAt,
      pinned: n.pinned,
      read: read.has(n.id) || readAnyway(n),
      hasImages: n.images.length > 0,
    })
    const items = page.slice(0, NOTICE_PAGE_SIZE).map(item)
    const pinnedItems = pinned.map(item)
    return ok({
      pinned: pinnedItems,
      items,
      nextCursor: page.length > NOTICE_PAGE_SIZE ? cursorOf(page[NOTICE_PAGE_SIZE - 1]) : null,
      unread: [...pinnedItems, ...items].filter((i) => !i.read).length,
    })
  }

  const read = async (openid: string, input: ReadNoticeInput): Promise<Result<NoticeView>> => {
    const [notice, building] = await Promise.all([notices.noticeById(input.noticeId), directory.buildingByCode(input.buildingCode)])
    // 不面向这栋楼的公告，对这栋楼的居民就是没有。
    if (!notice || !building || !notice.targets.some((t) => t.buildingId === building.id)) return fail('NOT_FOUND', NOT_FOUND)
    // 发布人自己、管着公告所面向楼栋的代表、业委会与管理员打开都不算居民知晓（同关注：管理者不能抬高这个数）；撤回了的不能再读。
    if (notice.status === 'published' && notice.authorId !== openid && !managesNotice(await directory.membershipsOf(openid), notice)) {
      const read = { noticeId: notice.id, openid, buildingId: building.id, at: clock.now(), viaShare: input.fromShare === true }
      // 记阅读是记账，不是居民要的东西：记不下（如高峰时事务冲突）也照样给出公告。没记下的仍显示未读，
      // 下次打开再记一次（每人每条只记一次，由存储保证），所以不会少记，也不会多记。
      try {
        await notices.recordRead(read, deltasForNoticeRead(notice, read))
      } catch (error) {
        logger.warn('记公告阅读失败，公告照常给出，下次打开再记', { error, details: { noticeId: notice.id } })
      }
    }
    const [urls, community] = await Promise.all([imageUrls(notice), directory.community(building.communityId)])
    const view: NoticeView = { ...noticeView(notice, clock.now(), urls), place: { communityName: community?.name ?? '', buildingName: building.name } }
    // 撤回了的公告不再给出总结；挂着总结的，居民看到征求意见稿（可提意见）或公示的定稿。
    if (notice.summaryId && notice.status === 'published' && deps.summaries)
      view.summary = await residentSummaryView(deps.summaries, notice.summaryId, openid, clock.now())
    return ok(view)
  }

  const subscribe = async (openid: string, input: BuildingInfoInput): Promise<Result<{ subscribed: true }>> => {
    const building = await directory.buildingByCode(input.buildingCode)
    if (!building) return fail('NOT_FOUND', '没有找到这栋楼，请重新扫描楼栋二维码')
    await notices.addNoticeCredit(openid, building.id, NOTICE_CREDITS_MAX)
    return ok({ subscribed: true })
  }

  return { list, read, subscribe, publish, withdraw, managed }
}
