/** 邀请的契约：原样存取，未用的列出，接受只生效一次（并发也一样），过期、撤回、找不到各有答复。 */
import type { Member } from '../../src/core/directory'
import { memberOf } from '../samples'
import { anInvite, freshStorePerTest, type OpenHarness, type StoreHarness } from './harness'

const AT = '2026-11-21T02:00:00.000Z'
/** 接受 1 号楼代表邀请时加的成员。 */
const repOf = (openid: string, over: Partial<Member> = {}) =>
  memberOf(openid, { communityId: 'c1', buildingId: 'b1', role: 'representative' }, { id: `m-${openid}`, name: `${openid}老师`, since: AT, ...over })
const accept = (h: StoreHarness, code: string, openid: string, at = AT) => h.store.acceptInvite(code, openid, at, repOf(openid, { since: at }))

export function inviteContract(adapter: string, open: OpenHarness) {
  describe(`邀请契约：${adapter}`, () => {
    const h = freshStorePerTest(open)

    it('原样存取；找不到为 null', async () => {
      const invite = anInvite({ code: 'COMM2345', role: 'committee', buildingId: null, body: 'property' })
      await h.store.saveInvite(invite)
      expect(await h.store.inviteByCode('COMM2345')).toEqual(invite)
      expect(await h.store.inviteByCode('NONE2345')).toBeNull()
    })

    it('未用的邀请：新的在前（同一时刻按码），含已过期的，不含已接受、已撤回的和别的小区的', async () => {
      await h.store.saveCommunity({ id: 'c2', name: '别的小区', hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } })
      const at = (day: string) => `2026-11-${day}T02:00:00.000Z`
      await h.store.saveInvite(anInvite({ code: 'OLD22222', createdAt: at('01'), expiresAt: at('03') }))
      await h.store.saveInvite(anInvite({ code: 'NEW22222', createdAt: at('20') }))
      await h.store.saveInvite(anInvite({ code: 'NEW33333', createdAt: at('20') }))
      await h.store.saveInvite(anInvite({ code: 'MID22222', createdAt: at('10'), expiresAt: at('30') }))
      await h.store.saveInvite(anInvite({ code: 'USED2222', createdAt: at('19'), expiresAt: at('30') }))
      await h.store.saveInvite(anInvite({ code: 'GONE2222', createdAt: at('19') }))
      await h.store.saveInvite(anInvite({ code: 'ELSE2222', communityId: 'c2', createdAt: at('20') }))
      expect(await accept(h, 'USED2222', 'li')).toBe('accepted')
      expect(await h.store.revokeInvite('GONE2222', at('20'))).toBe(true)
      expect((await h.store.openInvitesOf('c1')).map((i) => i.code)).toEqual(['NEW33333', 'NEW22222', 'MID22222', 'OLD22222'])
      expect((await h.store.openInvitesOf('c2')).map((i) => i.code)).toEqual(['ELSE2222'])
      expect(await h.store.openInvitesOf('none')).toEqual([])
    })

    it('接受：记下谁、何时，加上成员；本人重试仍答 accepted、不再加；别人再用答 taken', async () => {
      await h.store.saveInvite(anInvite())
      expect(await accept(h, 'ABCD2345', 'li')).toBe('accepted')
      expect(await h.store.inviteByCode('ABCD2345')).toMatchObject({ acceptedBy: 'li', acceptedAt: AT, revokedAt: null })
      expect(await h.store.membershipsOf('li')).toEqual([repOf('li')])

      // 本人重试：换了成员 id 与时刻也不再加。
      expect(await h.store.acceptInvite('ABCD2345', 'li', '2026-11-21T03:00:00.000Z', repOf('li', { id: 'm-li-retry' }))).toBe('accepted')
      expect(await h.store.membersOf('c1')).toEqual([repOf('li')])
      expect((await h.store.inviteByCode('ABCD2345'))?.acceptedAt).toBe(AT)

      expect(await accept(h, 'ABCD2345', 'chen')).toBe('taken')
      expect(await h.store.membershipsOf('chen')).toEqual([])
      // 用过的邀请过期后本人重试：仍是 accepted。
      expect(await accept(h, 'ABCD2345', 'li', '2026-12-01T00:00:00.000Z')).toBe('accepted')
    })

    it('两人同时接受同一个码：恰好一人 accepted，另一人 taken，只加一位成员', async () => {
      await h.store.saveInvite(anInvite())
      const results = await Promise.all(['li', 'chen', 'an'].map((openid) => accept(h, 'ABCD2345', openid)))
      expect(results.filter((r) => r === 'accepted')).toHaveLength(1)
      expect(results.filter((r) => r === 'taken')).toHaveLength(2)
      const winner = ['li', 'chen', 'an'][results.indexOf('accepted')]
      expect(await h.store.membersOf('c1')).toEqual([repOf(winner)])
      expect((await h.store.inviteByCode('ABCD2345'))?.acceptedBy).toBe(winner)
    })

    it('同一人同时重复接受：都答 accepted，只加一位成员', async () => {
      await h.store.saveInvite(anInvite())
      expect(await Promise.all(Array.from({ length: 3 }, () => accept(h, 'ABCD2345', 'li')))).toEqual(['accepted', 'accepted', 'accepted'])
      expect(await h.store.membersOf('c1')).toEqual([repOf('li')])
    })

    it('已是这个身份的人接受：邀请用掉，成员不重复', async () => {
      await h.store.addMember(repOf('li', { id: 'm-li-first', since: '2026-11-01T00:00:00.000Z' }))
      await h.store.saveInvite(anInvite())
      expect(await accept(h, 'ABCD2345', 'li')).toBe('accepted')
      expect((await h.store.membersOf('c1')).map((m) => m.id)).toEqual(['m-li-first'])
      expect((await h.store.inviteByCode('ABCD2345'))?.acceptedBy).toBe('li')
    })

    it('过期（到了过期时刻即过期）、撤回、找不到：各答各的，什么都不改', async () => {
      await h.store.saveInvite(anInvite({ code: 'LATE2222' }))
      expect(await accept(h, 'LATE2222', 'li', '2026-11-22T02:00:00.000Z')).toBe('expired')
      expect(await accept(h, 'LATE2222', 'li', '2026-11-23T00:00:00.000Z')).toBe('expired')
      expect(await h.store.inviteByCode('LATE2222')).toEqual(anInvite({ code: 'LATE2222' }))
      expect(await accept(h, 'LATE2222', 'li', '2026-11-22T01:59:59.999Z')).toBe('accepted')

      await h.store.saveInvite(anInvite({ code: 'GONE2222' }))
      expect(await h.store.revokeInvite('GONE2222', AT)).toBe(true)
      expect(await accept(h, 'GONE2222', 'chen')).toBe('revoked')
      expect(await accept(h, 'MISS2222', 'chen')).toBe('missing')
      expect(await h.store.membershipsOf('chen')).toEqual([])
    })

    it('查码的尝试：每人每小时不到上限才记上（答 true），到了上限答 false；人与小时各自分开；退回一次后又能记一次', async () => {
      const HOUR = '2026-11-20T02'
      for (let i = 0; i < 3; i++) expect(await h.store.recordInviteAttempt('guesser', HOUR, 3)).toBe(true)
      expect(await h.store.recordInviteAttempt('guesser', HOUR, 3)).toBe(false)
      expect(await h.store.recordInviteAttempt('guesser', HOUR, 3)).toBe(false)
      expect(await h.store.recordInviteAttempt('other', HOUR, 3)).toBe(true)
      expect(await h.store.recordInviteAttempt('guesser', '2026-11-20T03', 3)).toBe(true)
      await h.store.forgiveInviteAttempt('guesser', HOUR)
      expect(await h.store.recordInviteAttempt('guesser', HOUR, 3)).toBe(true)
      expect(await h.store.recordInviteAttempt('guesser', HOUR, 3)).toBe(false)
      // 没记过的小时退回什么都不改（不会攒出负数的额度）。
      await h.store.forgiveInviteAttempt('nobody', HOUR)
      expect(await h.store.recordInviteAttempt('nobody', HOUR, 1)).toBe(true)
      expect(await h.store.recordInviteAttempt('nobody', HOUR, 1)).toBe(false)
    })

    it('读这一小时已记的次数：没记过为 0，记上与退回都跟着变，人与小时各自分开，读不改', async () => {
      const HOUR = '2026-11-20T02'
      expect(await h.store.inviteAttemptsOf('guesser', HOUR)).toBe(0)
      for (let i = 0; i < 3; i++) await h.store.recordInviteAttempt('guesser', HOUR, 5)
      expect(await h.store.inviteAttemptsOf('guesser', HOUR)).toBe(3)
      expect(await h.store.inviteAttemptsOf('guesser', HOUR)).toBe(3)
      await h.store.forgiveInviteAttempt('guesser', HOUR)
      expect(await h.store.inviteAttemptsOf('guesser', HOUR)).toBe(2)
      expect(await h.store.inviteAttemptsOf('other', HOUR)).toBe(0)
      expect(await h.store.inviteAttemptsOf('guesser', '2026-11-20T03')).toBe(0)
    })

    it('同时 30 次尝试、上限 20：恰好 20 次记上', async () => {
      const results = await Promise.all(Array.from({ length: 30 }, () => h.store.recordInviteAttempt('guesser', '2026-11-20T02', 20)))
      expect(results.filter(Boolean)).toHaveLength(20)
      expect(await h.store.recordInviteAttempt('guesser', '2026-11-20T02', 20)).toBe(false)
    })

    it('撤回：只撤还没用过的；再撤一次仍答 true、撤回时刻不变；用过的、找不到的答 false', async () => {
      await h.store.saveInvite(anInvite({ code: 'GONE2222' }))
      expect(await h.store.revokeInvite('GONE2222', AT)).toBe(true)
      expect(await h.store.revokeInvite('GONE2222', '2026-11-21T05:00:00.000Z')).toBe(true)
      expect((await h.store.inviteByCode('GONE2222'))?.revokedAt).toBe(AT)

      await h.store.saveInvite(anInvite({ code: 'USED2222' }))
      await accept(h, 'USED2222', 'li')
      expect(await h.store.revokeInvite('USED2222', AT)).toBe(false)
      expect(await h.store.inviteByCode('USED2222')).toMatchObject({ acceptedBy: 'li', revokedAt: null })
      expect(await h.store.membershipsOf('li')).toHaveLength(1)
      expect(await h.store.revokeInvite('MISS2222', AT)).toBe(false)
    })
  })
}
