/** SQLite：邀请（InviteStore）。 */
import type { Invite, Member, InviteStore } from '../../../src/core/directory'
import type { SqliteContext } from './context'
import { memberAdder } from './directory'
import { toInvite, type InviteRow } from './rows'

export function sqliteInvites(ctx: SqliteContext): InviteStore {
  const { db } = ctx
  const addMember = memberAdder(ctx)
  const q = {
    saveInvite: db.prepare(
      `INSERT INTO invites (code, community_id, role, building_id, body, created_by, created_at, expires_at, accepted_by, accepted_at, revoked_at)
       VALUES (@code, @communityId, @role, @buildingId, @body, @createdBy, @createdAt, @expiresAt, @acceptedBy, @acceptedAt, @revokedAt)
       ON CONFLICT(code) DO UPDATE SET community_id = excluded.community_id, role = excluded.role, building_id = excluded.building_id, body = excluded.body,
         created_by = excluded.created_by, created_at = excluded.created_at, expires_at = excluded.expires_at, accepted_by = excluded.accepted_by,
         accepted_at = excluded.accepted_at, revoked_at = excluded.revoked_at`,
    ),
    // 不到上限才加一：一条语句里判断并累加，同时的尝试不会多记。
    recordInviteAttempt: db.prepare(
      `INSERT INTO invite_attempts (openid, hour, attempts) VALUES (@openid, @hour, 1)
       ON CONFLICT(openid, hour) DO UPDATE SET attempts = attempts + 1 WHERE attempts < @max`,
    ),
    forgiveInviteAttempt: db.prepare('UPDATE invite_attempts SET attempts = attempts - 1 WHERE openid = ? AND hour = ? AND attempts > 0'),
    inviteAttempts: db.prepare<[string, string], { attempts: number }>('SELECT attempts FROM invite_attempts WHERE openid = ? AND hour = ?'),
    inviteByCode: db.prepare<[string], InviteRow>('SELECT * FROM invites WHERE code = ?'),
    openInvites: db.prepare<[string], InviteRow>(
      'SELECT * FROM invites WHERE community_id = ? AND accepted_by IS NULL AND revoked_at IS NULL ORDER BY created_at DESC, code DESC',
    ),
    claimInvite: db.prepare(
      'UPDATE invites SET accepted_by = ?, accepted_at = ? WHERE code = ? AND accepted_by IS NULL AND revoked_at IS NULL AND expires_at > ?',
    ),
    revokeInvite: db.prepare('UPDATE invites SET revoked_at = ? WHERE code = ? AND accepted_by IS NULL AND revoked_at IS NULL'),
  }

  const acceptInviteTx = ctx.transaction((code: string, openid: string, at: string, member: Member) => {
    if (q.claimInvite.run(openid, at, code, at).changes > 0) {
      addMember(member)
      return 'accepted' as const
    }
    const invite = q.inviteByCode.get(code)
    if (!invite) return 'missing' as const
    if (invite.accepted_by !== null) return invite.accepted_by === openid ? ('accepted' as const) : ('taken' as const)
    if (invite.revoked_at !== null) return 'revoked' as const
    return 'expired' as const
  })

  return {
    async saveInvite(invite: Invite) {
      q.saveInvite.run(invite)
    },
    async inviteByCode(code) {
      const row = q.inviteByCode.get(code)
      return row ? toInvite(row) : null
    },
    async openInvitesOf(communityId) {
      return q.openInvites.all(communityId).map(toInvite)
    },
    async acceptInvite(code, openid, at, member) {
      return acceptInviteTx(code, openid, at, member)
    },
    async recordInviteAttempt(openid, hour, max) {
      if (max < 1) return false
      return q.recordInviteAttempt.run({ openid, hour, max }).changes > 0
    },
    async forgiveInviteAttempt(openid, hour) {
      q.forgiveInviteAttempt.run(openid, hour)
    },
    async inviteAttemptsOf(openid, hour) {
      return q.inviteAttempts.get(openid, hour)?.attempts ?? 0
    },
    async revokeInvite(code, at) {
      if (q.revokeInvite.run(at, code).changes > 0) return true
      // 已经撤回过的再撤回一次也算撤回了（重试），撤回时刻不变。
      const row = q.inviteByCode.get(code)
      return row !== undefined && row.accepted_by === null && row.revoked_at !== null
    },
  }
}
