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

export const CATEGORY_IDS = [
  'sanitation',
  'facilities',
  'elevator',
  'fire',
  'security',
  'greenery',
  'parking',
  'noise',
  'service',
  'other',
] as const
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
export const PUBLIC_AREAS = [
  '大堂',
  '电梯轿厢',
  '楼道/楼梯间',
  '地下车库',
  '天台/屋面',
  '外墙/门窗',
  '单元门/门禁',
  '楼栋周边',
  '其他公共区域',
] as const
export type PublicArea = (typeof PUBLIC_AREAS)[number]

/** 紧急程度：决定超时的界限（默认紧急 24 小时、一般 72 小时，每个小区可改，见 model.ts 的 OverdueLimits）。 */
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
/** 一个居民一小时内最多提交的报事数：挡住刷屏，正常使用碰不到。 */
export const REPORTS_PER_HOUR = 10
/** 一个居民一小时内最多点几次"我也遇到"。 */
export const FOLLOWS_PER_HOUR = 30
/** 代表标记已处理后，报事人可以回答"解决了吗？"的天数；过后保持待确认（计入办结率，不计入解决率）。 */
export const ANSWER_WINDOW_DAYS = 7
export const TEXT_MIN = 5
export const TEXT_MAX = 500
