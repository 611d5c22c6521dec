/**
 * The member's filing classes and the workspace's directory (docs/SPEC.md X3, M2), kept on the
 * device by each background round. The catch-up page carries a fingerprint of each answer
 * (shared/sync/catchup-page.ts ListMarks): after the page, one is asked for only when its
 * fingerprint differs from the one seen before its last answer in this session (so on the
 * session's first round), so an idle round asks the relay about neither (SPEC S13). The
 * fingerprint is always one taken before the answer: a change between the two shows as a new
 * fingerprint on the next page, and is asked for then.
 */
import { ApiPath, FilingClasses } from '../../../shared/auth-api'
import type { ListMarks } from '../../../shared/sync/catchup-page'
import type { ShouwangDb } from '../store/db'
import { loadFilingClasses, storeFilingClasses } from '../store/filing-classes'
import { refreshDirectory } from './directory-sync'
import type { RelayHttp } from './relay-http'

export class MemberLists {
  /** The page's fingerprints seen before the answers stored last; none until the first page after an answer. */
  private seen: { filing?: string | undefined; directory?: string | undefined } = {}
  private filled = false

  constructor(
    private readonly db: ShouwangDb,
    private readonly http: RelayHttp,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Before the round's catch-up, which on a first sync can take minutes: a device holding no
   * answer yet asks at once, so names and classes show meanwhile. The fingerprint is unknown, so
   * the answer is asked for again after the page (once).
   */
  async fillEmpty(): Promise<void> {
    // Once a session: a supervisor's directory stays empty (theirs is a 403), and is not asked again and again.
    if (this.filled) return
    if ((await loadFilingClasses(this.db)) === undefined) await this.askFiling(undefined)
    if ((await this.db.directory.count()) === 0) await this.askDirectory(undefined)
    this.filled = true
  }

  /** After the page: asks for whichever answer its fingerprint says changed (both when it gave none). */
  async refresh(marks: ListMarks | undefined): Promise<void> {
    if (marks === undefined || marks.filing !== this.seen.filing) await this.askFiling(marks?.filing)
    if (marks === undefined || marks.directory !== this.seen.directory) await this.askDirectory(marks?.directory)
  }

  private async askFiling(mark: string | undefined): Promise<void> {
    await storeFilingClasses(this.db, await this.http.request(FilingClasses, ApiPath.filingClasses, { timeoutMs: this.timeoutMs }))
    this.seen.filing = mark
  }

  private async askDirectory(mark: string | undefined): Promise<void> {
    await refreshDirectory(this.db, this.http, this.timeoutMs)
    this.seen.directory = mark
  }
}
