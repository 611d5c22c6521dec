/**
 * Refreshes the device's member directory (store/directory.ts) in each background round
 * (docs/SPEC.md M2). A supervisor's role may not read it: that 403 is an answer, not a fault,
 * so their round goes on and their device is never shown offline for it.
 */
import { AuthErrorCode } from '../../../shared/auth-api'
import { Directory, MembersPath } from '../../../shared/members-api'
import type { ShouwangDb } from '../store/db'
import { storeDirectory } from '../store/directory'
import { RelayRequestError, type RelayHttp } from './relay-http'

export async function refreshDirectory(db: ShouwangDb, http: RelayHttp, timeoutMs: number): Promise<void> {
  try {
    await storeDirectory(db, await http.request(Directory, MembersPath.directory, { timeoutMs }))
  } catch (error) {
    if (error instanceof RelayRequestError && error.code === AuthErrorCode.forbidden) return
    throw error
  }
}
