import { createCloudbaseStore } from '../../server/storage/cloudbase'
import { openCloudbaseHarness } from '../support/cloudbaseHarness'
import { storeContract } from '../contract/storeContract'

storeContract('云开发（真 wx-server-sdk，请求层换成执行器）', async () => {
  const h = openCloudbaseHarness()
  return { store: createCloudbaseStore(h.db), dispose: h.dispose }
})
