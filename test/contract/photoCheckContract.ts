/** 照片内容检测的契约：提交时记下待检，平台推送结论后按追踪号改；不给别人看的（有风险的、窗口里还在待检的）只列出 fileID。 */
import type { PhotoCheck } from '../../src/core/reports'
import { freshStorePerTest, type OpenHarness } from './harness'

const check = (traceId: string, reportId: string, fileId: string, at = '2026-11-20T00:00:00.000Z'): PhotoCheck => ({
  traceId,
  fileId,
  reportId,
  uploaderId: 'wang',
  verdict: 'pending',
  at,
})
/** 只问有风险的：待检窗口的起点在所有送检之后。 */
const RISKY_ONLY = '9999-01-01T00:00:00.000Z'

export function photoCheckContract(adapter: string, open: OpenHarness) {
  describe(`照片检测契约：${adapter}`, () => {
    const h = freshStorePerTest(open)

    it('按追踪号记结论；找不到的追踪号答 false；只列出有风险的，待检与通过的不列', async () => {
      await h.store.recordPhotoChecks([check('t1', 'r1', 'cloud://a.jpg'), check('t2', 'r1', 'cloud://b.jpg'), check('t3', 'r1', 'cloud://c.jpg')])
      await h.store.recordPhotoChecks([check('t4', 'r2', 'cloud://d.jpg')])
      await h.store.recordPhotoChecks([])
      expect(await h.store.withheldPhotosOf('r1', RISKY_ONLY)).toEqual([])

      expect(await h.store.setPhotoVerdict('t1', 'risky')).toBe(true)
      expect(await h.store.setPhotoVerdict('t2', 'pass')).toBe(true)
      expect(await h.store.setPhotoVerdict('t4', 'risky')).toBe(true)
      expect(await h.store.setPhotoVerdict('nope', 'risky')).toBe(false)
      expect(await h.store.withheldPhotosOf('r1', RISKY_ONLY)).toEqual(['cloud://a.jpg'])
      expect(await h.store.withheldPhotosOf('r2', RISKY_ONLY)).toEqual(['cloud://d.jpg'])
      expect(await h.store.withheldPhotosOf('r9', RISKY_ONLY)).toEqual([])

      // 再推一次（平台会重推）仍认得这个追踪号，但第一次的结论不变：重放的推送不能把有风险改回通过。
      expect(await h.store.setPhotoVerdict('t1', 'risky')).toBe(true)
      expect(await h.store.setPhotoVerdict('t1', 'pass')).toBe(true)
      expect(await h.store.withheldPhotosOf('r1', RISKY_ONLY)).toEqual(['cloud://a.jpg'])
      expect(await h.store.setPhotoVerdict('t3', 'risky')).toBe(true)
      expect(await h.store.withheldPhotosOf('r1', RISKY_ONLY)).toEqual(['cloud://a.jpg', 'cloud://c.jpg'])
    })

    it('还没有结论的照片：送检时刻不早于窗口起点的也列出（按送检先后），更早的、通过的不列', async () => {
      await h.store.recordPhotoChecks([
        check('p1', 'r1', 'cloud://old.jpg', '2026-11-20T08:00:00.000Z'),
        check('p2', 'r1', 'cloud://new.jpg', '2026-11-20T09:30:00.000Z'),
        check('p3', 'r1', 'cloud://passed.jpg', '2026-11-20T09:40:00.000Z'),
        check('p4', 'r1', 'cloud://risky.jpg', '2026-11-20T07:00:00.000Z'),
        check('p5', 'r2', 'cloud://other.jpg', '2026-11-20T09:45:00.000Z'),
      ])
      await h.store.setPhotoVerdict('p3', 'pass')
      await h.store.setPhotoVerdict('p4', 'risky')
      expect(await h.store.withheldPhotosOf('r1', '2026-11-20T09:00:00.000Z')).toEqual(['cloud://risky.jpg', 'cloud://new.jpg'])
      expect(await h.store.withheldPhotosOf('r1', '2026-11-20T09:30:00.000Z')).toEqual(['cloud://risky.jpg', 'cloud://new.jpg'])
      expect(await h.store.withheldPhotosOf('r1', '2026-11-20T07:59:59.999Z')).toEqual(['cloud://risky.jpg', 'cloud://old.jpg', 'cloud://new.jpg'])
      await h.store.setPhotoVerdict('p2', 'pass')
      expect(await h.store.withheldPhotosOf('r1', '2026-11-20T09:00:00.000Z')).toEqual(['cloud://risky.jpg'])
    })
  })
}
