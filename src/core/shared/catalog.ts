/**
 * 报事的类型、分类与位置选项。
 * 代码用稳定的英文 id（存储与统计的键），界面只显示中文名。
 * 分类取自五类工作总结的源材料：环境卫生、设施设备、电梯、消防、安防、绿化、停车、
 * 邻里纠纷、物业服务；"其他"兜底，避免居民因找不到分类而放弃提交。
 */

export const REPORT_KINDS = ['repair', 'complaint', 'suggestion'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  repair: '报事报修',
  complaint: '投诉',
  suggestion: '建议',
}

export const CATEGORY_IDS = ['sanitation', 'facilities', 'elevator', 'fire', 'security', 'greenery', 'parking', 'noise', 'service', 'other'] as const
export type CategoryId = (typeof CATEGORY_IDS)[number]
export const CATEGORY_LABELS: Record<CategoryId, string> = {
  sanitation: '环境卫生',
  facilities: '设施维修',
  elevator: '电梯',
  fire: '消防安全',
  security: '治安安防',
  greenery: '绿化',
  parking: '停车',
  noise: '噪音与邻里纠纷',
  service: '物业服务',
  other: '其他',
}

/** 公共区域：居民不在自家门内遇到的问题，大多发生在这些地方。 */
export const PUBLIC_AREAS = ['大堂', '电梯轿厢', '楼道/楼梯间', '地下车库', '天台/屋面', '外墙/门窗', '单元门/门禁', '楼栋周边', '其他公共区域'] as const
export type PublicArea = (typeof PUBLIC_AREAS)[number]

/** 紧急程度：决定超时的界限（默认紧急 24 小时、一般 72 小时，每个小区可改，见 directory/model.ts 的 OverdueLimits）。 */
export const URGENCIES = ['urgent', 'normal'] as const
export type Urgency = (typeof URGENCIES)[number]
export const URGENCY_LABELS: Record<Urgency, string> = {
  urgent: '紧急',
  normal: '一般',
}

/** 处理中的报事可以派给谁。 */
export const ASSIGNEE_PARTIES = ['property', 'committee', 'contractor', 'other'] as const
export type AssigneeParty = (typeof ASSIGNEE_PARTIES)[number]
export const ASSIGNEE_PARTY_LABELS: Record<AssigneeParty, string> = {
  property: '物业',
  committee: '业委会',
  contractor: '维修单位',
  other: '其他',
}

/** 居民评价"解决了"的三个维度，各 1–5 分。 */
export const RATING_DIMENSIONS = ['speed', 'attitude', 'effect'] as const
export type RatingDimension = (typeof RATING_DIMENSIONS)[number]
export const RATING_DIMENSION_LABELS: Record<RatingDimension, string> = {
  speed: '速度',
  attitude: '态度',
  effect: '效果',
}

export const MAX_PHOTOS = 9
/** 每张照片的上限（压缩后的手机照片通常 0.2–2 MB）。 */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const
/** 代表标记已处理后，报事人可以回答"解决了吗？"的天数；过后保持待确认（计入办结率，不计入解决率）。 */
export const ANSWER_WINDOW_DAYS = 7
/** 已解决或不予受理之后，报事人可以重新打开的天数：过后旧月份的数字不再被改动，问题又出现就重新报事。 */
export const REOPEN_WINDOW_DAYS = 30
export const TEXT_MIN = 5
export const TEXT_MAX = 500
/** 代表处理时的备注、居民回答"解决了吗"时的话与没解决的原因。 */
export const REPORT_NOTE_MAX = 200
/** 派给谁：单位或师傅的名称。 */
export const ASSIGNEE_NAME_MAX = 30

// —— 治理：身份、邀请、公告、工作台账 ——

/** 小区层面的身份以什么名义：业委会、居委会或物业（权限相同，称呼不同，总结里按它落款）。 */
export const COMMITTEE_BODIES = ['owners_committee', 'residents_committee', 'property'] as const
export type CommitteeBody = (typeof COMMITTEE_BODIES)[number]
export const COMMITTEE_BODY_LABELS: Record<CommitteeBody, string> = {
  owners_committee: '业委会',
  residents_committee: '居委会',
  property: '物业',
}

/** 邀请码有效的小时数：当面或在群里转发，两天够用，过期了重发一个。 */
export const INVITE_VALID_HOURS = 48
/** 一个人最多创建几个小区：挡住刷屏，真实的管理员碰不到。 */
export const COMMUNITIES_PER_PERSON = 3
/** 一个人一小时内最多试错几次邀请码（查看与接受合计；用对的码不算）：挡住逐个猜码。 */
export const INVITE_ATTEMPTS_PER_HOUR = 20
/** 表单上有字数上限的名称与文字（schema 与表单的字数提示共用）。 */
export const COMMUNITY_NAME_MAX = 30
export const BUILDING_NAME_MAX = 20
export const MEMBER_NAME_MAX = 12
export const SURVEY_TITLE_MAX = 40
export const SURVEY_QUESTION_MAX = 60
export const SURVEY_OPTION_MAX = 20
export const NOTICE_TITLE_MAX = 40
export const NOTICE_BODY_MAX = 2000
/** 居民对征求意见稿提的一条意见。 */
export const SUMMARY_COMMENT_MAX = 500
/** 工作台账各栏的字数上限。 */
export const WORKLOG_TEXT_MAX = {
  area: 40,
  hazard: 100,
  topics: 300,
  decisions: 500,
  activityName: 40,
  parties: 60,
  counterpart: 40,
  subject: 200,
  outcome: 300,
  note: 500,
} as const
export const MAX_NOTICE_IMAGES = 6

/** 工作台账的种类（总结里"主要工作"的来源）。 */
export const WORKLOG_KINDS = ['inspection', 'meeting', 'activity', 'mediation', 'volunteer', 'coordination'] as const
export type WorkLogKind = (typeof WORKLOG_KINDS)[number]
export const WORKLOG_KIND_LABELS: Record<WorkLogKind, string> = {
  inspection: '巡查',
  meeting: '会议',
  activity: '活动',
  mediation: '调解',
  volunteer: '志愿服务',
  coordination: '沟通协调',
}

export const MEETING_TYPES = ['joint', 'council', 'owners_assembly', 'other'] as const
export type MeetingType = (typeof MEETING_TYPES)[number]
export const MEETING_TYPE_LABELS: Record<MeetingType, string> = {
  joint: '联席会议',
  council: '议事会',
  owners_assembly: '业主大会',
  other: '其他会议',
}

export const MEDIATION_OUTCOMES = ['success', 'ongoing', 'failed'] as const
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number]
export const MEDIATION_OUTCOME_LABELS: Record<MediationOutcome, string> = {
  success: '成功',
  ongoing: '进行中',
  failed: '未成功',
}
/** 一次巡查最多记几处隐患。 */
export const MAX_HAZARDS = 20
/** 一条台账最多关联几条报事。 */
export const MAX_LINKED_REPORTS = 10

// —— 满意度问卷 ——

/** 物业服务满意度模板的维度（各 1–5 分），总结按它们写"满意度分项"。 */
export const SATISFACTION_DIMENSIONS = ['cleaning', 'security', 'repair', 'greenery', 'parking', 'service', 'overall'] as const
export type SatisfactionDimension = (typeof SATISFACTION_DIMENSIONS)[number]
export const SATISFACTION_DIMENSION_LABELS: Record<SatisfactionDimension, string> = {
  cleaning: '保洁',
  security: '安保',
  repair: '维修',
  greenery: '绿化',
  parking: '停车',
  service: '客服',
  overall: '总体',
}
export const SURVEY_TEMPLATES = ['property_satisfaction'] as const
export type SurveyTemplate = (typeof SURVEY_TEMPLATES)[number]
export const SURVEY_TEMPLATE_LABELS: Record<SurveyTemplate, string> = { property_satisfaction: '物业服务满意度' }
export const QUESTION_TYPES = ['rating', 'nps', 'single', 'multiple', 'text'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]
export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  rating: '评分（1–5）',
  nps: '推荐意愿（0–10）',
  single: '单选',
  multiple: '多选',
  text: '文字',
}
/** 问卷门槛的下限：问卷自己设的份数不能低于它（小群体的答案可能被认出是谁）；实际门槛见 surveys/rules.ts 的 surveyThreshold。 */
export const SURVEY_MIN_ANSWERS = 3
export const SURVEY_MAX_QUESTIONS = 30
export const SURVEY_MAX_OPTIONS = 10
export const SURVEY_TEXT_MAX = 500
/** 答卷时选填的单元、房号各自的字数上限（只用来按户统计答卷率）。 */
export const SURVEY_HOME_FIELD_MAX = 10
