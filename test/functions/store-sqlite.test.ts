import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openSqliteStore } from '../../server/storage/sqlite'
import { storeContract } from '../contract/storeContract'

storeContract('SQLite（临时文件）', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'loushi-contract-'))
  const store = openSqliteStore(path.join(dir, 'contract.db'))
  return {
    store,
    dispose: () => {
      store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
})
