/**
 * 云开发数据库的数据迁移（SQLite 的迁移在打开文件时自动执行，见 sqlite/migrations.ts）。
 * 每一步执行完在 migrations 集合里记一条（_id 为步骤名），再次运行跳过已完成的步骤，所以中断后重跑是安全的。
 * 由 npm run cloud:migrate 在开发者电脑上执行（用 @cloudbase/node-sdk 连接，API 与 wx-server-sdk 的数据库相同）。
 *
 * 每一步本身也须可重跑：步骤做完、记录写下之前中断，下次会从头再做这一步。
 * 所以状态改名拆成两步：先 resolved → awaiting_confirmation（此时库里还没有新含义的 resolved），
 * 记下；再 confirmed → resolved。若合成一步，中断后重跑会把刚改好的 resolved 又改成待确认。
 */
import { DEFAULT_OVERDUE_HOURS } from '../../../src/core/directory'
import { recountAll } from '../../../src/core/recount'
import { milestonesFrom } from '../../../src/core/summaryDocument'
import { COLLECTIONS, PAGE_SIZE } from './collections'
import { legacyMemberId, milestoneDoc } from './documents'
import { createCloudbaseStore } from './index'
import type { CloudDatabase } from './sdk'

export interface CloudbaseMigration {
  id: string
  description: string
  run(db: CloudDatabase): Promise<string>
}

/** 把一个字段里的旧值改成新值（where().update 在云开发上一次更新全部匹配的文档）。 */
async function renameValue(db: CloudDatabase, collection: string, field: string, from: string, to: string): Promise<number> {
  const result = await db
    .collection(collection)
    .where({ [field]: from })
    .update({ data: { [field]: to } })
  return result.stats?.updated ?? 0
}

/**
 * 给缺某个字段的文档补上默认值（已有的不动，所以可重跑）。对象值用 _.set 整个写入：
 * 直接写对象，SDK 会拆成子字段，空对象则整个丢掉。
 */
async function fillMissing(db: CloudDatabase, collection: string, defaults: Record<string, unknown>): Promise<number> {
  let filled = 0
  for (const [field, value] of Object.entries(defaults)) {
    const data = { [field]: value !== null && typeof value === 'object' ? db.command.set(value) : value }
    const result = await db
      .collection(collection)
      .where({ [field]: db.command.exists(false) })
      .update({ data })
    filled += result.stats?.updated ?? 0
  }
  return filled
}

async function renameStatus(db: CloudDatabase, from: string, to: string): Promise<string> {
  const reports = await renameValue(db, COLLECTIONS.reports, 'status', from, to)
  const fromField = await renameValue(db, COLLECTIONS.statusChanges, 'from', from, to)
  const toField = await renameValue(db, COLLECTIONS.statusChanges, 'to', from, to)
  return `报事 ${reports} 条，流转留痕 ${fromField + toField} 处`
}

export const CLOUDBASE_MIGRATIONS: CloudbaseMigration[] = [
  {
    id: '2026-11-status-ids-1',
    description: '状态 id 改名（一）：旧 resolved（待确认）→ awaiting_confirmation',
    run: (db) => renameStatus(db, 'resolved', 'awaiting_confirmation'),
  },
  {
    id: '2026-11-status-ids-2',
    description: '状态 id 改名（二）：旧 confirmed（已解决）→ resolved',
    run: (db) => renameStatus(db, 'confirmed', 'resolved'),
  },
  {
    id: '2026-11-general-tallies',
    description: '统计桶换成通用形状（范围，月份，指标，次数，总量），从原始记录重算',
    async run(db) {
      const removed = await db
        .collection(COLLECTIONS.tallies)
        .where({ metric: db.command.exists(false) })
        .remove()
      const diff = await createCloudbaseStore(db).rebuild(recountAll)
      return `删除旧形状的桶 ${removed.stats?.removed ?? 0} 个，写入 ${diff.missing.length + diff.different.length} 个，多余 ${diff.extra.length} 个`
    },
  },
  {
    id: '2026-11-report-life',
    description:
      '报事的一生：旧文档补上紧急程度、联系电话、派给谁、并入哪条、关注人数、流转的请求编号与附带信息、小区的超时界限；统计重算（补出紧急程度、动作等新指标）',
    async run(db) {
      // 先补字段：队列按紧急程度筛选，缺字段的旧报事筛不出来（读出时补默认值只管显示，管不了查询）。
      const reports = await fillMissing(db, COLLECTIONS.reports, { urgency: 'normal', contactPhone: '', assignee: null, mergedInto: null, followers: 0 })
      const changes = await fillMissing(db, COLLECTIONS.statusChanges, { requestId: '', details: {} })
      const communities = await fillMissing(db, COLLECTIONS.communities, { overdueHours: DEFAULT_OVERDUE_HOURS })
      const diff = await createCloudbaseStore(db).rebuild(recountAll)
      const buckets = `统计桶写入 ${diff.missing.length + diff.different.length} 个，删除 ${diff.extra.length} 个`
      return `补字段：报事 ${reports} 处，流转留痕 ${changes} 处，小区 ${communities} 处；${buckets}`
    },
  },
  {
    id: '2026-11-governance',
    description: '治理：小区补上"老旧小区"（否）；旧成员补上 id（由 _id 确定地算出）、称呼（空）、名义（无）与加入时刻（空）。公告、台账是新集合，统计不变',
    async run(db) {
      const communities = await fillMissing(db, COLLECTIONS.communities, { oldEstate: false })
      const ids = await fillMemberIds(db)
      const fields = await fillMissing(db, COLLECTIONS.memberships, { name: '', body: null, since: '' })
      return `补字段：小区 ${communities} 处，成员 id ${ids} 个，成员其余字段 ${fields} 处`
    },
  },
  {
    id: '2026-11-summary',
    description:
      '工作总结：旧报事从流转留痕补上里程碑（第一次响应、第一次标记已处理与用时、已处理次数、第一次确认、评价次数、一次解决），典型案例候选与"数字背后的报事"按它们查。总结、版本、意见是新集合',
    run: fillMilestones,
  },
  {
    id: '2026-12-one-rating',
    description: '一条报事在统计里至多一份评价（第一次确认的）：从原始记录重算，去掉重新打开后再确认的评价',
    async run(db) {
      const diff = await createCloudbaseStore(db).rebuild(recountAll)
      return `统计桶写入 ${diff.missing.length + diff.different.length} 个，删除 ${diff.extra.length} 个`
    },
  },
  {
    id: '2026-12-kind-category',
    description: '按类型分的分类计数（report.kind_category.<类型>.<分类>，总结里报修与投诉各自的分布）：从原始记录重算，补出旧月份的桶',
    async run(db) {
      const diff = await createCloudbaseStore(db).rebuild(recountAll)
      return `统计桶写入 ${diff.missing.length + diff.different.length} 个，删除 ${diff.extra.length} 个`
    },
  },
  {
    id: '2026-12-kept-followers',
    description: '关注人次只算留着的报事（隐藏与重复的关注者离开受影响居民）：从原始记录重算，去掉旧桶里它们的关注',
    async run(db) {
      const diff = await createCloudbaseStore(db).rebuild(recountAll)
      return `统计桶写入 ${diff.missing.length + diff.different.length} 个，删除 ${diff.extra.length} 个`
    },
  },
]

/** 缺里程碑的报事（没有 handledCount 字段的）按 _id 逐页读出，按各自的留痕算出里程碑逐个写（可重跑：算出的值相同）。 */
async function fillMilestones(db: CloudDatabase): Promise<string> {
  const _ = db.command
  let filled = 0
  let after: string | undefined
  for (;;) {
    const condition = after === undefined ? { handledCount: _.exists(false) } : { handledCount: _.exists(false), _id: _.gt(after) }
    const { data } = await db.collection(COLLECTIONS.reports).where(condition).orderBy('_id', 'asc').limit(PAGE_SIZE).get()
    for (const doc of data) {
      const changes = (
        await db
          .collection(COLLECTIONS.statusChanges)
          .where({ reportId: String(doc._id) })
          .orderBy('seq', 'asc')
          .limit(1000)
          .get()
      ).data
      const m = milestonesFrom(
        doc.createdAt as string,
        changes.map((c) => ({
          from: c.from as string,
          to: c.to as string,
          at: c.at as string,
          rated: Boolean((c.details as { rating?: unknown } | undefined)?.rating),
        })),
      )
      await db
        .collection(COLLECTIONS.reports)
        .doc(String(doc._id))
        .update({ data: milestoneDoc(m) })
    }
    filled += data.length
    if (data.length < PAGE_SIZE) return `补里程碑：报事 ${filled} 条`
    after = String(data[data.length - 1]._id)
  }
}

/**
 * 旧成员的 id 由它的 _id 确定地算出（legacyMemberId：与迁移前读出时给的一样，不含 openid）：每个文档的值不同，
 * 不能一条 where().update 补完，按 _id 逐页读出缺 id 的文档逐个写（已有 id 的不动，所以可重跑）。
 */
async function fillMemberIds(db: CloudDatabase): Promise<number> {
  const _ = db.command
  let filled = 0
  let after: string | undefined
  for (;;) {
    const condition = after === undefined ? { id: _.exists(false) } : { id: _.exists(false), _id: _.gt(after) }
    const { data } = await db.collection(COLLECTIONS.memberships).where(condition).orderBy('_id', 'asc').limit(PAGE_SIZE).get()
    for (const doc of data)
      await db
        .collection(COLLECTIONS.memberships)
        .doc(String(doc._id))
        .update({ data: { id: legacyMemberId(String(doc._id)) } })
    filled += data.length
    if (data.length < PAGE_SIZE) return filled
    after = String(data[data.length - 1]._id)
  }
}

export interface MigrationOutcome {
  id: string
  description: string
  /** applied：这次执行了；skipped：以前已完成。 */
  state: 'applied' | 'skipped'
  detail: string
}

/** 依次执行尚未完成的步骤；now 记进完成记录。 */
export async function migrateCloudbase(db: CloudDatabase, now: () => string, steps = CLOUDBASE_MIGRATIONS): Promise<MigrationOutcome[]> {
  const outcomes: MigrationOutcome[] = []
  for (const step of steps) {
    const record = db.collection(COLLECTIONS.migrations).doc(step.id)
    const { data: done } = await record.get()
    if (done) {
      outcomes.push({ id: step.id, description: step.description, state: 'skipped', detail: `已于 ${String(done.appliedAt)} 完成` })
      continue
    }
    const detail = await step.run(db)
    await record.set({ data: { description: step.description, detail, appliedAt: now() } })
    outcomes.push({ id: step.id, description: step.description, state: 'applied', detail })
  }
  return outcomes
}
