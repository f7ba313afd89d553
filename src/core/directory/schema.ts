/**
 * 小区、楼栋、邀请、成员的载荷校验（公告与问卷共用的 audienceSchema 也在这里）：与 shared/schema.ts 同样的写法与中文说法，
 * 单独一个模块，让这些只在代表分包里用的规则不进居民的主包（主包要小于 600 KB）。
 */
import { z } from 'zod/mini'
import { BUILDING_NAME_MAX, COMMITTEE_BODIES, COMMUNITY_NAME_MAX, MEMBER_NAME_MAX } from '../shared/catalog'
import { buildingCode, requestId, strict, count, name, communityId, entityId } from '../shared/schema'

/** 邀请码：8 位大写字母与数字（去掉易混的字符）。 */
export const INVITE_CODE_RE = /^[A-HJKMNP-Z2-9]{8}$/
const overdueHours = strict({ urgent: count('紧急报事的时限（小时）', 720, 1), normal: count('一般报事的时限（小时）', 2160, 1) })

export const createCommunitySchema = strict({
  requestId,
  name: name('小区名称', COMMUNITY_NAME_MAX, 2),
  hasPropertyCompany: z.boolean({ error: '请选择是否有物业' }),
  oldEstate: z.boolean({ error: '请选择是否老旧小区' }),
})
export type CreateCommunityInput = z.infer<typeof createCommunitySchema>

export const communityRefSchema = strict({ communityId })
export type CommunityRefInput = z.infer<typeof communityRefSchema>

export const updateCommunitySchema = strict({
  communityId,
  name: name('小区名称', COMMUNITY_NAME_MAX, 2),
  hasPropertyCompany: z.boolean({ error: '请选择是否有物业' }),
  oldEstate: z.boolean({ error: '请选择是否老旧小区' }),
  overdueHours,
})
export type UpdateCommunityInput = z.infer<typeof updateCommunitySchema>

/** 新建楼栋（不带楼栋码，服务端生成）或修改（带楼栋码）。 */
export const saveBuildingSchema = strict({
  communityId,
  buildingCode: z.optional(buildingCode),
  name: name('楼栋名称', BUILDING_NAME_MAX),
  households: count('户数', 2000, 1),
  units: count('单元数', 50, 1),
  floors: count('层数', 120, 1),
})
export type SaveBuildingInput = z.infer<typeof saveBuildingSchema>

export const createInviteSchema = z.discriminatedUnion(
  'role',
  [
    strict({ communityId, role: z.literal('representative'), buildingCode }),
    strict({ communityId, role: z.literal('committee'), committeeBody: z.enum(COMMITTEE_BODIES, { error: '请选择业委会、居委会或物业' }) }),
  ],
  { error: '请选择邀请的身份：业主代表或业委会/居委会/物业' },
)
export type CreateInviteInput = z.infer<typeof createInviteSchema>

const inviteCode = z.string({ error: '请填写邀请码' }).check(z.trim(), z.toUpperCase(), z.regex(INVITE_CODE_RE, '邀请码应为 8 位字母或数字，请核对'))
export const inviteRefSchema = strict({ communityId, code: inviteCode })
export type InviteRefInput = z.infer<typeof inviteRefSchema>

export const inviteLookupSchema = strict({ code: inviteCode })
export type InviteLookupInput = z.infer<typeof inviteLookupSchema>

export const joinSchema = strict({ code: inviteCode, name: name('称呼', MEMBER_NAME_MAX) })
export type JoinInput = z.infer<typeof joinSchema>

export const removeMemberSchema = strict({ communityId, memberId: entityId('成员') })
export type RemoveMemberInput = z.infer<typeof removeMemberSchema>

/** 发给谁：整个小区，或选定的楼栋（不重复，至少一栋）。公告与问卷共用；what 进"请选择…"那句话。 */
export const audienceSchema = (what: string) =>
  z.discriminatedUnion(
    'scope',
    [
      strict({ scope: z.literal('community') }),
      strict({
        scope: z.literal('buildings'),
        buildingCodes: z.array(buildingCode, { error: '请选择楼栋' }).check(
          z.minLength(1, '请至少选择一栋楼'),
          z.maxLength(200, '楼栋太多了'),
          z.refine((l) => new Set(l).size === l.length, '楼栋重复了'),
        ),
      }),
    ],
    { error: `请选择${what}面向整个小区还是选定的楼栋` },
  )

export const buildingInfoSchema = strict({ buildingCode })
export type BuildingInfoInput = z.infer<typeof buildingInfoSchema>
