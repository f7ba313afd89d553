/** 云开发：邀请（InviteStore）。邀请的 _id 即邀请码；查邀请码的尝试每人每小时一条（openid|小时）。 */
import type { InviteStore } from '../../../src/core/directory'
import { COLLECTIONS } from './collections'
import type { StoreContext } from './context'
import { inviteAttemptId, memberDoc, membershipId, toInvite } from './documents'

export function cloudbaseInvites(ctx: StoreContext): InviteStore {
  const { coll, readAll, transact } = ctx
  return {
    async saveInvite(invite) {
      const { code, ...fields } = invite
      await coll('invites').doc(code).set({ data: fields })
    },
    async inviteByCode(code) {
      const { data } = await coll('invites').doc(code).get()
      return data ? toInvite(data) : null
    },
    async openInvitesOf(communityId) {
      const docs = await readAll('invites', { communityId, acceptedBy: null, revokedAt: null })
      const invites = docs.map(toInvite)
      return invites.sort((a, b) => (a.createdAt === b.createdAt ? (a.code < b.code ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1))
    },
    async acceptInvite(code, openid, at, member) {
      let outcome: Awaited<ReturnType<InviteStore['acceptInvite']>> = 'missing'
      await transact(async (tx) => {
        const inviteRef = tx.collection(COLLECTIONS.invites).doc(code)
        const { data: invite } = await inviteRef.get()
        if (!invite) outcome = 'missing'
        else if (invite.acceptedBy) outcome = invite.acceptedBy === openid ? 'accepted' : 'taken'
        else if (invite.revokedAt) outcome = 'revoked'
        else if (!(at < (invite.expiresAt as string))) outcome = 'expired'
        else {
          // 两人同时接受：都写这条邀请，后写的冲突、重试时读到已被接受。
          await inviteRef.update({ data: { acceptedBy: openid, acceptedAt: at } })
          const memberRef = tx.collection(COLLECTIONS.memberships).doc(membershipId(member.openid, member))
          if (!(await memberRef.get()).data) await memberRef.set({ data: memberDoc(member) })
          outcome = 'accepted'
        }
      })
      return outcome
    },
    async recordInviteAttempt(openid, hourKey, max) {
      if (max < 1) return false
      let counted = false
      await transact(async (tx) => {
        // 同时的尝试都写这一条，后写的冲突、退避重试：读到的次数总是最新的。
        const ref = tx.collection(COLLECTIONS.inviteAttempts).doc(inviteAttemptId(openid, hourKey))
        const { data } = await ref.get()
        const attempts = (data?.attempts as number | undefined) ?? 0
        counted = attempts < max
        if (counted) await ref.set({ data: { openid, hour: hourKey, attempts: attempts + 1 } })
      })
      return counted
    },
    async forgiveInviteAttempt(openid, hourKey) {
      await transact(async (tx) => {
        const ref = tx.collection(COLLECTIONS.inviteAttempts).doc(inviteAttemptId(openid, hourKey))
        const { data } = await ref.get()
        const attempts = (data?.attempts as number | undefined) ?? 0
        if (attempts > 0) await ref.set({ data: { openid, hour: hourKey, attempts: attempts - 1 } })
      })
    },
    async inviteAttemptsOf(openid, hourKey) {
      const { data } = await coll('inviteAttempts').doc(inviteAttemptId(openid, hourKey)).get()
      return (data?.attempts as number | undefined) ?? 0
    },
    async revokeInvite(code, at) {
      let revoked = false
      await transact(async (tx) => {
        const ref = tx.collection(COLLECTIONS.invites).doc(code)
        const { data } = await ref.get()
        // 已经撤回过的再撤回一次也算撤回了（重试），撤回时刻不变。
        revoked = Boolean(data && !data.acceptedBy)
        if (data && revoked && !data.revokedAt) await ref.update({ data: { revokedAt: at } })
      })
      return revoked
    },
  }
}
