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

export const MAX_PHOTOS = 4
export const TEXT_MIN = 5
export const TEXT_MAX = 500
