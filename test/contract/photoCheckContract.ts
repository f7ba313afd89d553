/** 照片内容检测的契约：提交时记下待检，平台推送结论后按追踪号改；有风险的只列出 fileID。 */
import type { PhotoCheck } from '../../src/core/reports'
import { freshStorePerTest, type OpenHarness } from './harness'

const check = (traceId: string, reportId: string, fileId: string): PhotoCheck => ({
  traceId,
  fileId,
  reportId,
  uploaderId: 'wang',
  verdict: 'pending',
  at: '2026-11-20T00:00:00.000Z',
})

export function photoCheckContract(adapter: string, open: OpenHarness) {
  describe(`照片检测契约：${adapter}`, () => {
    const h = freshStorePerTest(open)

    it('按追踪号记结论；找不到的追踪号答 false；只列出有风险的，待检与通过的不列', async () => {
      await h.store.recordPhotoChecks([check('t1', 'r1', 'cloud://a.jpg'), check('t2', 'r1', 'cloud://b.jpg'), check('t3', 'r1', 'cloud://c.jpg')])
      await h.store.recordPhotoChecks([check('t4', 'r2', 'cloud://d.jpg')])
      await h.store.recordPhotoChecks([])
      expect(await h.store.riskyPhotosOf('r1')).toEqual([])

      expect(await h.store.setPhotoVerdict('t1', 'risky')).toBe(true)
      expect(await h.store.setPhotoVerdict('t2', 'pass')).toBe(true)
      expect(await h.store.setPhotoVerdict('t4', 'risky')).toBe(true)
      expect(await h.store.setPhotoVerdict('nope', 'risky')).toBe(false)
      expect(await h.store.riskyPhotosOf('r1')).toEqual(['cloud://a.jpg'])
      expect(await h.store.riskyPhotosOf('r2')).toEqual(['cloud://d.jpg'])
      expect(await h.store.riskyPhotosOf('r9')).toEqual([])

      // 再推一次（平台会重推）仍认得这个追踪号，但第一次的结论不变：重放的推送不能把有风险改回通过。
      expect(await h.store.setPhotoVerdict('t1', 'risky')).toBe(true)
      expect(await h.store.setPhotoVerdict('t1', 'pass')).toBe(true)
      expect(await h.store.riskyPhotosOf('r1')).toEqual(['cloud://a.jpg'])
      expect(await h.store.setPhotoVerdict('t3', 'risky')).toBe(true)
      expect(await h.store.riskyPhotosOf('r1')).toEqual(['cloud://a.jpg', 'cloud://c.jpg'])
    })
  })
}
