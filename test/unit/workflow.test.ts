import { availableActions, REPORT_STATUSES, STATUS_GROUP, STATUS_LABELS, transition } from '../../src/core/reports'

describe('报事状态流转', () => {
  it('状态 id 与标签一致：awaiting_confirmation 是待确认，resolved 是已解决', () => {
    expect(STATUS_LABELS.awaiting_confirmation).toBe('待确认')
    expect(STATUS_LABELS.resolved).toBe('已解决')
    expect(REPORT_STATUSES).not.toContain('confirmed')
  })

  it('代表受理、处理、标记已处理，居民确认解决', () => {
    expect(transition('pending', 'accept', 'handler')).toEqual({ ok: true, from: 'pending', to: 'accepted' })
    expect(transition('accepted', 'start', 'handler')).toMatchObject({ ok: true, to: 'processing' })
    expect(transition('processing', 'handle', 'handler')).toMatchObject({ ok: true, to: 'awaiting_confirmation' })
    expect(transition('awaiting_confirmation', 'confirm', 'reporter')).toMatchObject({ ok: true, to: 'resolved' })
  })

  it('居民说没解决：从待确认重新打开回到处理中', () => {
    expect(transition('awaiting_confirmation', 'reopen', 'reporter')).toMatchObject({ ok: true, to: 'processing' })
    expect(transition('closed', 'reopen', 'handler')).toMatchObject({ ok: true, to: 'processing' })
  })

  it('拒绝越权与非法的流转，并说明原因', () => {
    expect(transition('awaiting_confirmation', 'confirm', 'handler')).toEqual({ ok: false, message: '只有报事人可以确认已解决' })
    expect(transition('pending', 'handle', 'reporter')).toEqual({ ok: false, message: '只有负责的代表可以标记已处理' })
    expect(transition('resolved', 'accept', 'handler')).toEqual({ ok: false, message: '当前状态为“已解决”，不能受理' })
    expect(transition('hidden', 'reopen', 'reporter')).toMatchObject({ ok: false })
  })

  it('每个状态都属于 FixMyStreet 式的四组之一，且可用动作与 transition 一致', () => {
    for (const status of REPORT_STATUSES) {
      expect(['open', 'fixed', 'closed', 'hidden']).toContain(STATUS_GROUP[status])
      for (const action of availableActions(status, 'handler')) expect(transition(status, action, 'handler').ok).toBe(true)
    }
    expect(availableActions('awaiting_confirmation', 'reporter')).toEqual(['confirm', 'reopen'])
    expect(availableActions('hidden', 'handler')).toEqual([])
  })
})
