/**
 * SQLite 结构迁移：按顺序执行，版本号记在 PRAGMA user_version。
 * 只追加新迁移，不改已发布的迁移。
 */
import type Database from 'better-sqlite3'
import { recountAll } from '../../../src/core/recount'
import { readTallyRecords } from './rows'
import { milestonesFrom } from '../../../src/core/summaryDocument'

/**
 * 一步迁移：一段 SQL，或需要领域代码的一个函数。重算统计不在步骤里做：重算读的是最新的表结构
 * （后来的迁移才有的列与表），所以步骤只声明 recount，由 migrate 在全部步骤之后重算一次。
 */
type Migration = string | ((db: Database.Database) => void) | { up: string | ((db: Database.Database) => void); recount: true }

const MIGRATIONS: Migration[] = [
  // 1：小区、楼栋、成员、报事、状态留痕、统计桶、本地会话
  `
  CREATE TABLE communities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    has_property_company INTEGER NOT NULL DEFAULT 1
  );
  CREATE TABLE buildings (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities(id),
    code TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    households INTEGER NOT NULL,
    units INTEGER NOT NULL,
    floors INTEGER NOT NULL
  );
  CREATE TABLE memberships (
    openid TEXT NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities(id),
    building_id TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL,
    PRIMARY KEY (openid, community_id, building_id, role)
  );
  CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL,
    building_id TEXT NOT NULL REFERENCES buildings(id),
    kind TEXT NOT NULL,
    category TEXT NOT NULL,
    text TEXT NOT NULL,
    location TEXT NOT NULL,
    anonymous INTEGER NOT NULL,
    photos TEXT NOT NULL,
    status TEXT NOT NULL,
    reporter_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    month TEXT NOT NULL,
    UNIQUE (reporter_id, request_id)
  );
  CREATE INDEX reports_by_reporter ON reports (reporter_id, created_at DESC, id DESC);
  CREATE INDEX reports_by_building_month ON reports (building_id, month);
  CREATE TABLE status_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id TEXT NOT NULL REFERENCES reports(id),
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    note TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX status_changes_by_report ON status_changes (report_id, seq);
  CREATE TABLE tallies (
    building_id TEXT NOT NULL,
    month TEXT NOT NULL,
    dim TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (building_id, month, dim)
  ) WITHOUT ROWID;
  CREATE TABLE local_sessions (
    token TEXT PRIMARY KEY,
    openid TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // 2：按楼找代表（新报事提醒）。
  `CREATE INDEX memberships_by_building ON memberships (building_id, role);`,
  // 3：状态 id 与含义一致（旧 resolved = 待确认 → awaiting_confirmation；旧 confirmed = 已解决 → resolved），
  //    统计桶换成通用形状（范围，月份，指标，次数，总量），从原始记录重算，旧表删除。
  (db) => {
    const rename = `CASE %s WHEN 'resolved' THEN 'awaiting_confirmation' WHEN 'confirmed' THEN 'resolved' ELSE %s END`
    const renamed = (column: string) => rename.replaceAll('%s', column)
    db.exec(`
      UPDATE reports SET status = ${renamed('status')};
      UPDATE status_changes SET from_status = ${renamed('from_status')}, to_status = ${renamed('to_status')};
      DROP TABLE tallies;
      CREATE TABLE tally_buckets (
        scope TEXT NOT NULL,
        month TEXT NOT NULL,
        metric TEXT NOT NULL,
        count INTEGER NOT NULL,
        sum INTEGER NOT NULL,
        PRIMARY KEY (scope, month, metric)
      ) WITHOUT ROWID;
    `)
    // 这里原先从原始记录重算；重算读的是最新的表结构（后来的迁移才有的列与表），所以改由 migrate 在全部步骤之后统一重算。
    // 已经停在版本 3 的库有正确的桶，之后的迁移再重算一次，结果相同。
  },
  // 4：报事的一生——紧急程度、联系电话、派给谁、并入哪条、关注人数；留痕的请求编号与附带信息；
  //    关注表；照片检测表；小区的超时界限；代表队列的索引。新指标（紧急程度、动作、评分……）从原始记录重算。
  {
    recount: true,
    up: `
      ALTER TABLE reports ADD COLUMN urgency TEXT NOT NULL DEFAULT 'normal';
      ALTER TABLE reports ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';
      ALTER TABLE reports ADD COLUMN assignee TEXT;
      ALTER TABLE reports ADD COLUMN merged_into TEXT;
      ALTER TABLE reports ADD COLUMN followers INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX reports_by_building_status ON reports (building_id, status, created_at, id);
      -- 超时计数（统计页、待办数）只走索引：按紧急程度各一段提交时间的范围。
      CREATE INDEX reports_overdue ON reports (building_id, status, urgency, created_at);
      CREATE INDEX reports_by_reporter_time ON reports (reporter_id, created_at);
      ALTER TABLE status_changes ADD COLUMN request_id TEXT NOT NULL DEFAULT '';
      ALTER TABLE status_changes ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE communities ADD COLUMN overdue_hours TEXT NOT NULL DEFAULT '{"urgent":24,"normal":72}';
      CREATE TABLE follows (
        report_id TEXT NOT NULL REFERENCES reports(id),
        openid TEXT NOT NULL,
        at TEXT NOT NULL,
        via TEXT NOT NULL,
        PRIMARY KEY (report_id, openid)
      ) WITHOUT ROWID;
      CREATE INDEX follows_by_openid ON follows (openid, at);
      CREATE TABLE photo_checks (
        trace_id TEXT PRIMARY KEY,
        file_id TEXT NOT NULL,
        report_id TEXT NOT NULL,
        uploader_id TEXT NOT NULL,
        verdict TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX photo_checks_by_report ON photo_checks (report_id);
    `,
  },
  // 5：治理——小区是否老旧小区；成员有 id、称呼、名义与加入时刻（旧成员的 id 为 'm' || rowid，加入时刻为空串）；
  //    邀请；公告（面向的楼栋另有一表，按楼筛选走索引）、阅读（每人每条一次）、提醒额度；工作台账。
  //    新来源的统计从原始记录重算（新表是空的，旧库的桶不变）。
  {
    recount: true,
    up: `
      ALTER TABLE communities ADD COLUMN old_estate INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE members (
        -- 加入的先后（旧成员沿用原来的 rowid）；显式的整数主键不会被 VACUUM 重新编号。
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        openid TEXT NOT NULL,
        community_id TEXT NOT NULL REFERENCES communities(id),
        building_id TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        body TEXT,
        since TEXT NOT NULL DEFAULT '',
        UNIQUE (openid, community_id, building_id, role)
      );
      INSERT INTO members (seq, id, openid, community_id, building_id, role)
        SELECT rowid, 'm' || rowid, openid, community_id, building_id, role FROM memberships ORDER BY rowid;
      DROP TABLE memberships;
      ALTER TABLE members RENAME TO memberships;
      CREATE INDEX memberships_by_building ON memberships (building_id, role);
      CREATE INDEX memberships_by_community ON memberships (community_id, since);

      CREATE TABLE invites (
        code TEXT PRIMARY KEY,
        community_id TEXT NOT NULL REFERENCES communities(id),
        role TEXT NOT NULL,
        building_id TEXT,
        body TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        accepted_by TEXT,
        accepted_at TEXT,
        revoked_at TEXT
      );
      CREATE INDEX invites_open ON invites (community_id, created_at DESC, code DESC) WHERE accepted_by IS NULL AND revoked_at IS NULL;

      CREATE TABLE notices (
        id TEXT PRIMARY KEY,
        community_id TEXT NOT NULL REFERENCES communities(id),
        whole_community INTEGER NOT NULL,
        targets TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        images TEXT NOT NULL,
        pinned INTEGER NOT NULL,
        expires_at TEXT,
        status TEXT NOT NULL,
        signed_as TEXT NOT NULL,
        author_id TEXT NOT NULL,
        request_id TEXT NOT NULL,
        published_at TEXT NOT NULL,
        withdrawn_at TEXT,
        month TEXT NOT NULL,
        readers INTEGER NOT NULL DEFAULT 0,
        UNIQUE (author_id, request_id)
      );
      CREATE INDEX notices_by_community ON notices (community_id, published_at DESC, id DESC);
      CREATE INDEX notices_by_author ON notices (author_id, published_at);
      CREATE TABLE notice_targets (
        notice_id TEXT NOT NULL REFERENCES notices(id),
        building_id TEXT NOT NULL,
        PRIMARY KEY (notice_id, building_id)
      ) WITHOUT ROWID;
      CREATE INDEX notice_targets_by_building ON notice_targets (building_id, notice_id);
      CREATE TABLE notice_reads (
        notice_id TEXT NOT NULL REFERENCES notices(id),
        openid TEXT NOT NULL,
        building_id TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (notice_id, openid)
      ) WITHOUT ROWID;
      CREATE INDEX notice_reads_by_openid ON notice_reads (openid, notice_id);
      CREATE TABLE notice_credits (
        openid TEXT NOT NULL,
        building_id TEXT NOT NULL,
        credits INTEGER NOT NULL,
        PRIMARY KEY (openid, building_id)
      ) WITHOUT ROWID;
      CREATE INDEX notice_credits_by_building ON notice_credits (building_id, openid);

      CREATE TABLE worklog (
        id TEXT PRIMARY KEY,
        community_id TEXT NOT NULL REFERENCES communities(id),
        building_id TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL,
        date TEXT NOT NULL,
        month TEXT NOT NULL,
        note TEXT NOT NULL,
        photos TEXT NOT NULL,
        report_ids TEXT NOT NULL,
        details TEXT NOT NULL,
        author_id TEXT NOT NULL,
        request_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        removed_at TEXT,
        UNIQUE (author_id, request_id)
      );
      -- 台账列表：没删除的，按楼（整个小区的为空串）、日期新的在前。
      CREATE INDEX worklog_by_place ON worklog (community_id, building_id, date DESC, id DESC) WHERE removed_at IS NULL;
      CREATE INDEX worklog_by_author ON worklog (author_id, created_at);
    `,
  },
  // 6：满意度问卷（面向的楼栋另有一表，按楼筛选走索引）与答卷（每人每卷一份：主键 (survey_id, openid)）。
  //    新来源的统计从原始记录重算（新表是空的，旧库的桶不变）。
  {
    recount: true,
    up: `
      CREATE TABLE surveys (
        id TEXT PRIMARY KEY,
        community_id TEXT NOT NULL REFERENCES communities(id),
        whole_community INTEGER NOT NULL,
        targets TEXT NOT NULL,
        title TEXT NOT NULL,
        template TEXT,
        questions TEXT NOT NULL,
        opens_at TEXT NOT NULL,
        closes_at TEXT NOT NULL,
        closed_at TEXT,
        min_answers INTEGER NOT NULL,
        author_id TEXT NOT NULL,
        request_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        month TEXT NOT NULL,
        UNIQUE (author_id, request_id)
      );
      CREATE INDEX surveys_by_community ON surveys (community_id, created_at DESC, id DESC);
      -- 环比：同一小区同一模板、开始时刻在某刻之前最近的一份。
      CREATE INDEX surveys_by_template ON surveys (community_id, template, opens_at DESC, id DESC);
      CREATE TABLE survey_targets (
        survey_id TEXT NOT NULL REFERENCES surveys(id),
        building_id TEXT NOT NULL,
        PRIMARY KEY (survey_id, building_id)
      ) WITHOUT ROWID;
      CREATE INDEX survey_targets_by_building ON survey_targets (building_id, survey_id);
      CREATE TABLE survey_answers (
        survey_id TEXT NOT NULL REFERENCES surveys(id),
        openid TEXT NOT NULL,
        building_id TEXT NOT NULL,
        unit TEXT NOT NULL,
        room TEXT NOT NULL,
        answer_values TEXT NOT NULL,
        request_id TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (survey_id, openid)
      ) WITHOUT ROWID;
      CREATE INDEX survey_answers_by_openid ON survey_answers (openid, at);
    `,
  },
  // 7：工作总结——总结、各版（整份文档冻结存下）、居民意见；公告挂上总结；报事的里程碑列（第一次响应、第一次标记已处理
  //    与用时、已处理次数、第一次确认、评价次数、一次解决）从留痕补齐，典型案例候选与"数字背后的报事"按它们走索引。
  (db) => {
    db.exec(`
      ALTER TABLE reports ADD COLUMN responded_at TEXT;
      ALTER TABLE reports ADD COLUMN handled_at TEXT;
      ALTER TABLE reports ADD COLUMN handling_minutes INTEGER;
      ALTER TABLE reports ADD COLUMN handled_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE reports ADD COLUMN resolved_at TEXT;
      ALTER TABLE reports ADD COLUMN rating_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE reports ADD COLUMN first_time_resolved INTEGER NOT NULL DEFAULT 0;
    `)
    backfillMilestones(db)
    db.exec(`
      -- 数字背后的报事：楼栋 + 提交月，按提交时间翻页。
      CREATE INDEX reports_trace ON reports (building_id, month, created_at, id);
      -- 典型案例候选：每楼每月关注最多的已办结、办得最快的紧急报事。
      CREATE INDEX reports_case_followed ON reports (building_id, month, status, followers DESC, created_at);
      CREATE INDEX reports_case_fastest ON reports (building_id, month, urgency, handling_minutes, created_at) WHERE handling_minutes IS NOT NULL;
      ALTER TABLE notices ADD COLUMN summary_id TEXT;
      CREATE TABLE summaries (
        id TEXT PRIMARY KEY,
        community_id TEXT NOT NULL REFERENCES communities(id),
        building_id TEXT,
        period TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        author_id TEXT NOT NULL,
        request_id TEXT NOT NULL,
        title TEXT NOT NULL,
        latest_version INTEGER NOT NULL,
        notice_id TEXT,
        final_notice_id TEXT,
        consult_until TEXT,
        finalized_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (author_id, request_id)
      );
      CREATE INDEX summaries_by_community ON summaries (community_id, updated_at DESC, id DESC);
      CREATE INDEX summaries_by_building ON summaries (building_id, updated_at DESC, id DESC);
      CREATE TABLE summary_versions (
        summary_id TEXT NOT NULL REFERENCES summaries(id),
        version INTEGER NOT NULL,
        document TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        author_id TEXT NOT NULL,
        request_id TEXT NOT NULL,
        restored_from INTEGER,
        PRIMARY KEY (summary_id, version),
        UNIQUE (summary_id, author_id, request_id)
      );
      CREATE TABLE summary_comments (
        id TEXT PRIMARY KEY,
        summary_id TEXT NOT NULL REFERENCES summaries(id),
        building_id TEXT NOT NULL,
        openid TEXT NOT NULL,
        text TEXT NOT NULL,
        request_id TEXT NOT NULL,
        at TEXT NOT NULL,
        UNIQUE (openid, request_id)
      );
      CREATE INDEX summary_comments_by_summary ON summary_comments (summary_id, at, id);
      CREATE INDEX summary_comments_by_openid ON summary_comments (openid, at);
    `)
  },
  // 8：建小区的幂等记录（创建者, 请求编号）→ 小区 id（小区 id 改为服务端随机；之前建的小区没有记录，也不需要）；
  //    查邀请码的尝试次数，每人每小时一行。
  `
  CREATE TABLE community_creations (
    creator TEXT NOT NULL,
    request_id TEXT NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (creator, request_id)
  );
  CREATE TABLE invite_attempts (
    openid TEXT NOT NULL,
    hour TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    PRIMARY KEY (openid, hour)
  );
  `,
  // 9：每小时限额——每个（动作|人）一行，存最近几次写入的时刻（JSON 数组，至多上限个），与被限的写入在同一个事务里改写（见 core/shared/hourlyLimit.ts）。
  // 升级前一小时里的写入不在里面（升级后的第一个小时额度从零算起）。行数随人数与动作数有界，不用清理。
  `
  CREATE TABLE hourly_limits (
    key TEXT PRIMARY KEY,
    recent TEXT NOT NULL
  );
  `,
  // 10：一条报事在统计里至多一份评价（第一次确认的，见 sources/reports.ts）：旧桶里重新打开后再确认的评价由重算去掉。
  { up: () => {}, recount: true },
  // 11：报事表上没有查询用到的两个索引（EXPLAIN QUERY PLAN 逐条查过，见 test/functions/sqlite-plans.test.ts）：
  //    按报事人查都走 reports_by_reporter，按楼栋与月份查都走 reports_trace。每条报事少写两个索引。
  `
  DROP INDEX IF EXISTS reports_by_reporter_time;
  DROP INDEX IF EXISTS reports_by_building_month;
  `,
  // 12：公告阅读与问卷答卷记下是否来自群分享（"其中经群分享打开 N"）；旧的都不是（分享卡片是这一版才有的）。
  `
  ALTER TABLE notice_reads ADD COLUMN via_share INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE survey_answers ADD COLUMN via_share INTEGER NOT NULL DEFAULT 0;
  `,
  // 13：按类型分的分类计数（report.kind_category.<类型>.<分类>，总结里报修与投诉各自的分布）：旧月份的桶由重算补出。
  { up: () => {}, recount: true },
  // 14：每条新报事少写两个索引（EXPLAIN QUERY PLAN 逐条查过，见 test/functions/sqlite-plans.test.ts）：
  //    超时与待办计数并进队列的索引——末尾加上紧急程度，计数仍只读索引、不回表；
  //    "关注最多"的典型案例只找 followers > 0 的报事，索引改为部分索引，刚提交（没有关注者）的报事不进它。
  //    报事的每小时额度改为直接数报事人一小时内的报事（limits.ts 的 useCounted），hourly_limits 里报事的行不再用。
  `
  DELETE FROM hourly_limits WHERE key LIKE 'report|%';
  DROP INDEX IF EXISTS reports_overdue;
  DROP INDEX IF EXISTS reports_by_building_status;
  CREATE INDEX reports_by_building_status ON reports (building_id, status, created_at, id, urgency);
  DROP INDEX IF EXISTS reports_case_followed;
  CREATE INDEX reports_case_followed ON reports (building_id, month, status, followers DESC, created_at) WHERE followers > 0;
  `,
  // 15：关注人次只算留着的报事（隐藏与重复的关注者离开受影响居民，见 reports/tallySource.ts）：旧桶由重算去掉。
  { up: () => {}, recount: true },
  // 16：每条新报事再少写一个索引：按报事人查（"我报的"与报事的每小时额度）改走（报事人，请求编号）的唯一索引，
  //    一位居民的报事不多，按时间排序在内存里做。reports_by_reporter 的键跟着报事人走、散在整棵树里，
  //    每条报事都要改写它的一页（成组提交摊不薄）；删掉后进程内每条报事的 CPU 少约五分之一（scripts/bench/http.ts 前后交替量）。
  //    每条查询仍走索引、不扫全表（test/functions/sqlite-plans.test.ts）。
  `DROP INDEX IF EXISTS reports_by_reporter;`,
]

/** 从留痕补齐报事的里程碑列（迁移 7）：与 sources/reports.ts 的重算同一口径。 */
function backfillMilestones(db: Database.Database) {
  const reports = db.prepare<[], { id: string; created_at: string }>('SELECT id, created_at FROM reports').all()
  const changes = db.prepare<[string], { from_status: string; to_status: string; at: string; details: string }>(
    'SELECT from_status, to_status, at, details FROM status_changes WHERE report_id = ? ORDER BY seq',
  )
  const update = db.prepare(
    `UPDATE reports SET responded_at = @respondedAt, handled_at = @handledAt, handling_minutes = @handlingMinutes, handled_count = @handledCount,
       resolved_at = @resolvedAt, rating_count = @ratings, first_time_resolved = @firstTime WHERE id = @id`,
  )
  for (const r of reports) {
    const m = milestonesFrom(
      r.created_at,
      changes.all(r.id).map((c) => ({ from: c.from_status, to: c.to_status, at: c.at, rated: Boolean(JSON.parse(c.details || '{}').rating) })),
    )
    update.run({ id: r.id, ...m, firstTime: m.firstTime ? 1 : 0 })
  }
}

/** 从原始记录重算全部统计桶写进空的 tally_buckets（迁移用，在表结构改完之后；运行中的改正走 TallyMaintenance.rebuild）。 */
function recountInto(db: Database.Database) {
  const buckets = recountAll(readTallyRecords(db))
  const insert = db.prepare('INSERT INTO tally_buckets (scope, month, metric, count, sum) VALUES (@scope, @month, @metric, @count, @sum)')
  for (const b of buckets) insert.run(b)
}

/**
 * 执行尚未执行的全部步骤，都在一个事务里：中途失败就停在原来的版本。
 * 有步骤声明了 recount 时，最后清空统计桶、从原始记录重算一次（此时表结构已是最新）。
 */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current >= MIGRATIONS.length) return
  db.transaction(() => {
    let recount = false
    for (const step of MIGRATIONS.slice(current)) {
      const up = typeof step === 'object' ? step.up : step
      if (typeof up === 'string') db.exec(up)
      else up(db)
      recount ||= typeof step === 'object'
    }
    if (recount) {
      db.exec('DELETE FROM tally_buckets')
      recountInto(db)
    }
    db.pragma(`user_version = ${MIGRATIONS.length}`)
  })()
}
