import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openSqliteStore } from '../../server/storage/sqlite'
import { directoryContract } from '../contract/directoryContract'
import { followContract } from '../contract/followContract'
import type { StoreHarness } from '../contract/harness'
import { inviteContract } from '../contract/inviteContract'
import { noticeContract } from '../contract/noticeContract'
import { photoCheckContract } from '../contract/photoCheckContract'
import { rateLimitContract } from '../contract/rateLimitContract'
import { reportQueueContract } from '../contract/reportQueueContract'
import { reportStoreContract } from '../contract/reportStoreContract'
import { summaryContract } from '../contract/summaryContract'
import { surveyContract } from '../contract/surveyContract'
import { tallyMaintenanceContract, tallyReaderContract } from '../contract/tallyContract'
import { tallyFoldContract } from '../contract/tallyFoldContract'
import { workLogContract } from '../contract/workLogContract'

async function openSqlite(): Promise<StoreHarness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'loushi-contract-'))
  const store = openSqliteStore(path.join(dir, 'contract.db'))
  return {
    store,
    async corruptBucket(b) {
      if (b.count === null) store.db.prepare('DELETE FROM tally_buckets WHERE scope = ? AND month = ? AND metric = ?').run(b.scope, b.month, b.metric)
      else
        store.db
          .prepare('INSERT OR REPLACE INTO tally_buckets (scope, month, metric, count, sum) VALUES (?, ?, ?, ?, ?)')
          .run(b.scope, b.month, b.metric, b.count, b.sum ?? 0)
    },
    dispose: () => {
      store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

const adapter = 'SQLite（临时文件）'
directoryContract(adapter, openSqlite)
inviteContract(adapter, openSqlite)
noticeContract(adapter, openSqlite)
workLogContract(adapter, openSqlite)
surveyContract(adapter, openSqlite)
summaryContract(adapter, openSqlite)
reportStoreContract(adapter, openSqlite)
reportQueueContract(adapter, openSqlite)
followContract(adapter, openSqlite)
rateLimitContract(adapter, openSqlite)
photoCheckContract(adapter, openSqlite)
tallyReaderContract(adapter, openSqlite)
tallyMaintenanceContract(adapter, openSqlite)
tallyFoldContract(adapter, openSqlite)
