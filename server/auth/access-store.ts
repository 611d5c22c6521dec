/**
 * The relay's own record of people and their access: accounts, sessions, workspace
 * memberships with roles, invites, class assignments, which class each child is in,
 * pairings (those of the children's files, and older ones made here), and the audit trail. Kept in its own SQLite file beside the documents.
 *
 * Tokens are stored only as SHA-256 hashes, passwords only as scrypt hashes. The audit
 * table is append-only: triggers refuse any UPDATE or DELETE of it. Deleted rows are
 * overwritten (`secure_delete`), and forgetting an erased child checkpoints the WAL, so
 * nothing of it is left in either file (docs/SPEC.md E5).
 */
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { isRole, type Role } from '../../shared/access'
import { workspaceToday, type IsoDate } from '../../shared/dates'
import type { FactPairing } from '../../shared/docs/child/access-facts'
import { migrate } from '../store/migrate'
import { checkpoint } from '../store/checkpoint'
import { hashToken, newToken } from './tokens'

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL UNIQUE COLLATE NOCASE,
     display_name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE memberships (
     workspace TEXT NOT NULL,
     user_id TEXT NOT NULL REFERENCES users(id),
     role TEXT NOT NULL,
     PRIMARY KEY (workspace, user_id)
   );
   CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id),
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     ended_at INTEGER
   );
   CREATE INDEX sessions_by_user ON sessions (user_id);
   CREATE TABLE invites (
     token_hash TEXT PRIMARY KEY,
     workspace TEXT NOT NULL,
     role TEXT NOT NULL,
     created_by TEXT,
     expires_at INTEGER NOT NULL,
     used_by TEXT,
     used_at INTEGER
   );
   CREATE TABLE class_assignments (
     workspace TEXT NOT NULL,
     user_id TEXT NOT NULL,
     class_name TEXT NOT NULL,
     PRIMARY KEY (workspace, user_id, class_name)
   );
   CREATE TABLE child_classes (
     workspace TEXT NOT NULL,
     child_id TEXT NOT NULL,
     class_name TEXT NOT NULL,
     PRIMARY KEY (workspace, child_id)
   );
   CREATE TABLE pairings (
     workspace TEXT NOT NULL,
     user_id TEXT NOT NULL,
     child_id TEXT NOT NULL,
     starts_at INTEGER NOT NULL,
     ends_at INTEGER,
     PRIMARY KEY (workspace, user_id, child_id, starts_at)
   );
   CREATE INDEX pairings_by_child ON pairings (workspace, child_id);
   CREATE TABLE audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     workspace TEXT NOT NULL,
     user_id TEXT,
     doc_id TEXT,
     action TEXT NOT NULL
   );
   CREATE INDEX audit_by_doc ON audit (workspace, doc_id, seq);
   CREATE INDEX audit_by_user ON audit (workspace, user_id, seq);
   CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
   CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;`,
  // When the device says it happened: a file viewed offline is reported once back online.
  `ALTER TABLE audit ADD COLUMN reported_at INTEGER;`,
  // The pairings of the children's files (docs/SPEC.md P2), kept to the files by the relay; and
  // what an entry names beside its action (a move's old and new class, the member paired).
  `CREATE TABLE file_pairings (
     workspace TEXT NOT NULL,
     child_id TEXT NOT NULL,
     pairing_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     from_day TEXT,
     to_day TEXT,
     PRIMARY KEY (workspace, child_id, pairing_id)
   );
   CREATE INDEX file_pairings_by_user ON file_pairings (workspace, user_id);
   ALTER TABLE audit ADD COLUMN detail TEXT;`,
  // A helper's own phone (printed on a child's contact card); a removed member keeps their row,
  // so the records they wrote keep their name (docs/SPEC.md M3); a revoked invite cannot be used.
  `ALTER TABLE users ADD COLUMN phone TEXT;
   ALTER TABLE memberships ADD COLUMN removed_at INTEGER;
   ALTER TABLE invites ADD COLUMN revoked_at INTEGER;`,
  // A counter per workspace bumped by every change of what its directory lists (a membership,
  // a member's name or phone), whoever writes the file: an idle catch-up page carries a
  // fingerprint of it instead of the directory (docs/SPEC.md S13). No conflict clause inside: an
  // upsert's own policy would override it.
  `CREATE TABLE directory_versions (
     workspace TEXT PRIMARY KEY,
     version INTEGER NOT NULL
   );
   CREATE TRIGGER directory_member_added AFTER INSERT ON memberships BEGIN
     INSERT INTO directory_versions (workspace, version) SELECT NEW.workspace, 0 WHERE NOT EXISTS (SELECT 1 FROM directory_versions WHERE workspace = NEW.workspace);
     UPDATE directory_versions SET version = version + 1 WHERE workspace = NEW.workspace;
   END;
   CREATE TRIGGER directory_member_changed AFTER UPDATE ON memberships BEGIN
     INSERT INTO directory_versions (workspace, version) SELECT NEW.workspace, 0 WHERE NOT EXISTS (SELECT 1 FROM directory_versions WHERE workspace = NEW.workspace);
     UPDATE directory_versions SET version = version + 1 WHERE workspace IN (NEW.workspace, OLD.workspace);
   END;
   CREATE TRIGGER directory_member_deleted AFTER DELETE ON memberships BEGIN
     UPDATE directory_versions SET version = version + 1 WHERE workspace = OLD.workspace;
   END;
   CREATE TRIGGER directory_user_changed AFTER UPDATE OF display_name, phone ON users BEGIN
     UPDATE directory_versions SET version = version + 1 WHERE workspace IN (SELECT workspace FROM memberships WHERE user_id = NEW.id);
   END;`,
]

/** The schema version this build writes (a backup of a newer one is refused). */
export const ACCESS_SCHEMA_VERSION = MIGRATIONS.length

export interface User {
  id: string
  username: string
  displayName: string
}

export interface Membership {
  workspace: string
  role: Role
}

/** A member as the coordinators' members page lists them. */
export interface MemberSummary extends User {
  role: string
  phone?: string
  /** The teacher's classes, as assigned. */
  classes: string[]
  /** How many children they are paired with now. */
  pairs: number
}

/** A member as every member's device keeps them, to show names instead of ids (removed ones too). */
export interface DirectoryEntry {
  id: string
  displayName: string
  role: string
  phone?: string
  removed?: true
}

export interface OpenInvite {
  id: string
  role: string
  createdBy: string | null
  expiresAt: number
}

/** Which part of the trail to read, newest first (docs/SPEC.md M6). */
export interface AuditFilter {
  docId?: string
  userId?: string
  action?: string
  /** The time it happened (the device's when it reported one), in ms, inclusive. */
  from?: number
  to?: number
  /** Only entries older than this seq: the cursor of the page before. */
  before?: number
  limit: number
}

/** A device's 'viewed' and the relay's 'opened' within this of each other are one opening (SPEC M7). */
export const SAME_OPENING_MS = 5 * 60 * 1000

export interface AuditEntry {
  seq: number
  at: number
  reportedAt?: number
  /** What the entry names beside its action: `old → new` class of a move, the member paired or unpaired. */
  detail?: string
  workspace: string
  userId: string | null
  docId: string | null
  action: string
}

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000
export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000

export type AccessStore = ReturnType<typeof openAccessStore>

export function openAccessStore({ file, now = () => Date.now() }: { file: string; now?: () => number }) {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  db.pragma('secure_delete = ON')
  migrate(db, MIGRATIONS, 'access.db')
  const opening = randomBytes(12).toString('base64url')

  const q = {
    userCount: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users'),
    insertUser: db.prepare('INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)'),
    userByName: db.prepare<[string], { id: string; username: string; display_name: string; password_hash: string }>(
      'SELECT id, username, display_name, password_hash FROM users WHERE username = ?',
    ),
    memberSince: db.prepare<[string], { created_at: number }>('SELECT created_at FROM users WHERE id = ?'),
    signer: db.prepare<[string, string], { display_name: string; created_at: number }>(
      'SELECT u.display_name, u.created_at FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace = ? AND u.id = ?',
    ),
    userById: db.prepare<[string], { id: string; username: string; display_name: string }>('SELECT id, username, display_name FROM users WHERE id = ?'),
    setMembership: db.prepare('INSERT INTO memberships (workspace, user_id, role) VALUES (?, ?, ?) ON CONFLICT (workspace, user_id) DO UPDATE SET role = excluded.role'),
    memberships: db.prepare<[string], { workspace: string; role: string }>('SELECT workspace, role FROM memberships WHERE user_id = ? AND removed_at IS NULL'),
    members: db.prepare<[string], { id: string; username: string; display_name: string; role: string; phone: string | null }>(
      'SELECT u.id, u.username, u.display_name, u.phone, m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace = ? AND m.removed_at IS NULL ORDER BY u.username',
    ),
    directory: db.prepare<[string], { id: string; display_name: string; role: string; phone: string | null; removed_at: number | null }>(
      'SELECT u.id, u.display_name, u.phone, m.role, m.removed_at FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace = ? ORDER BY u.display_name',
    ),
    directoryVersion: db.prepare<[string], { version: number }>('SELECT version FROM directory_versions WHERE workspace = ?'),
    removedIn: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM memberships WHERE user_id = ? AND removed_at IS NOT NULL'),
    sessionOwner: db.prepare<[string], { user_id: string }>('SELECT user_id FROM sessions WHERE token_hash = ?'),
    removeMember: db.prepare('UPDATE memberships SET removed_at = ? WHERE workspace = ? AND user_id = ? AND removed_at IS NULL'),
    coordinators: db.prepare<[string], { n: number }>(
      "SELECT COUNT(*) AS n FROM memberships WHERE workspace = ? AND role = 'coordinator' AND removed_at IS NULL",
    ),
    setPhone: db.prepare('UPDATE users SET phone = ? WHERE id = ?'),
    endPairingsOf: db.prepare('UPDATE pairings SET ends_at = ? WHERE workspace = ? AND user_id = ? AND ends_at IS NULL'),
    openInvites: db.prepare<[string, number], { token_hash: string; role: string; created_by: string | null; expires_at: number }>(
      'SELECT token_hash, role, created_by, expires_at FROM invites WHERE workspace = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY expires_at',
    ),
    revokeInvite: db.prepare('UPDATE invites SET revoked_at = ? WHERE token_hash = ? AND workspace = ? AND used_at IS NULL AND revoked_at IS NULL'),
    insertSession: db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    session: db.prepare<[string], { user_id: string; expires_at: number; ended_at: number | null }>(
      'SELECT user_id, expires_at, ended_at FROM sessions WHERE token_hash = ?',
    ),
    endSession: db.prepare('UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL'),
    endUserSessions: db.prepare<[{ now: number; user: string }]>(
      'UPDATE sessions SET ended_at = @now WHERE user_id = @user AND ended_at IS NULL AND expires_at > @now',
    ),
    insertInvite: db.prepare('INSERT INTO invites (token_hash, workspace, role, created_by, expires_at) VALUES (?, ?, ?, ?, ?)'),
    invite: db.prepare<[string], { workspace: string; role: string; expires_at: number; used_at: number | null; revoked_at: number | null }>(
      'SELECT workspace, role, expires_at, used_at, revoked_at FROM invites WHERE token_hash = ?',
    ),
    useInvite: db.prepare('UPDATE invites SET used_by = ?, used_at = ? WHERE token_hash = ? AND used_at IS NULL'),
    assignClass: db.prepare('INSERT OR IGNORE INTO class_assignments (workspace, user_id, class_name) VALUES (?, ?, ?)'),
    unassignClass: db.prepare('DELETE FROM class_assignments WHERE workspace = ? AND user_id = ? AND class_name = ?'),
    setChildClass: db.prepare('INSERT INTO child_classes (workspace, child_id, class_name) VALUES (?, ?, ?) ON CONFLICT (workspace, child_id) DO UPDATE SET class_name = excluded.class_name'),
    teachesClass: db.prepare<[string, string, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM class_assignments WHERE workspace = ? AND user_id = ? AND class_name = ?',
    ),
    childClass: db.prepare<[string, string], { class_name: string }>('SELECT class_name FROM child_classes WHERE workspace = ? AND child_id = ?'),
    classesOf: db.prepare<[string, string], { class_name: string }>(
      'SELECT class_name FROM class_assignments WHERE workspace = ? AND user_id = ? ORDER BY class_name',
    ),
    teachesChild: db.prepare<[string, string, string], { n: number }>(
      `SELECT COUNT(*) AS n FROM child_classes c JOIN class_assignments a
       ON a.workspace = c.workspace AND a.class_name = c.class_name
       WHERE c.workspace = ? AND c.child_id = ? AND a.user_id = ?`,
    ),
    classChildren: db.prepare<[string, string], { child_id: string }>(
      `SELECT DISTINCT c.child_id FROM child_classes c JOIN class_assignments a
       ON a.workspace = c.workspace AND a.class_name = c.class_name
       WHERE c.workspace = ? AND a.user_id = ? ORDER BY c.child_id`,
    ),
    insertPairing: db.prepare('INSERT INTO pairings (workspace, user_id, child_id, starts_at) VALUES (?, ?, ?, ?)'),
    endPairing: db.prepare('UPDATE pairings SET ends_at = ? WHERE workspace = ? AND user_id = ? AND child_id = ? AND ends_at IS NULL'),
    pairedNow: db.prepare<[string, string, string, number, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM pairings WHERE workspace = ? AND user_id = ? AND child_id = ? AND starts_at <= ? AND (ends_at IS NULL OR ends_at > ?)',
    ),
    pairedChildren: db.prepare<[string, string, number, number], { child_id: string }>(
      'SELECT DISTINCT child_id FROM pairings WHERE workspace = ? AND user_id = ? AND starts_at <= ? AND (ends_at IS NULL OR ends_at > ?) ORDER BY child_id',
    ),
    filePairings: db.prepare<[string, string], { pairing_id: string; user_id: string; kind: string; from_day: string | null; to_day: string | null }>(
      'SELECT pairing_id, user_id, kind, from_day, to_day FROM file_pairings WHERE workspace = ? AND child_id = ? ORDER BY pairing_id',
    ),
    insertFilePairing: db.prepare('INSERT INTO file_pairings (workspace, child_id, pairing_id, user_id, kind, from_day, to_day) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    forgetFilePairings: db.prepare('DELETE FROM file_pairings WHERE workspace = ? AND child_id = ?'),
    filePairedNow: db.prepare<[string, string, string, string, string], { n: number }>(
      `SELECT COUNT(*) AS n FROM file_pairings WHERE workspace = ? AND user_id = ? AND child_id = ?
       AND (from_day IS NULL OR from_day <= ?) AND (to_day IS NULL OR to_day >= ?)`,
    ),
    filePairedChildren: db.prepare<[string, string, string, string], { child_id: string }>(
      `SELECT DISTINCT child_id FROM file_pairings WHERE workspace = ? AND user_id = ?
       AND (from_day IS NULL OR from_day <= ?) AND (to_day IS NULL OR to_day >= ?)`,
    ),
    teachersOf: db.prepare<[string, string], { user_id: string }>('SELECT user_id FROM class_assignments WHERE workspace = ? AND class_name = ?'),
    forgetChildClass: db.prepare('DELETE FROM child_classes WHERE workspace = ? AND child_id = ?'),
    forgetPairings: db.prepare('DELETE FROM pairings WHERE workspace = ? AND child_id = ?'),
    insertAudit: db.prepare('INSERT INTO audit (at, workspace, user_id, doc_id, action, reported_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    auditByDoc: db.prepare<[string, string, number], AuditRow>('SELECT * FROM audit WHERE workspace = ? AND doc_id = ? ORDER BY seq LIMIT ?'),
    auditByUser: db.prepare<[string, string, number], AuditRow>('SELECT * FROM audit WHERE workspace = ? AND user_id = ? ORDER BY seq LIMIT ?'),
  }

  const toUser = (r: { id: string; username: string; display_name: string }): User => ({ id: r.id, username: r.username, displayName: r.display_name })

  return {
    /** True until the first account exists: the relay then offers a one-time setup link. */
    isEmpty: () => (q.userCount.get()?.n ?? 0) === 0,

    createUser(username: string, displayName: string, passwordHash: string): User {
      const id = `u-${randomBytes(9).toString('base64url')}`
      q.insertUser.run(id, username, displayName, passwordHash, now())
      return { id, username, displayName }
    },
    userByName: (username: string) => q.userByName.get(username),
    user: (id: string) => {
      const row = q.userById.get(id)
      return row ? toUser(row) : undefined
    },
    /**
     * When the member's membership began (docs/SPEC.md R2): an account is made with its one
     * membership (the first setup, an accepted invite), so it is when the account was made.
     */
    memberSince: (userId: string) => q.memberSince.get(userId)?.created_at,
    /**
     * A member of the workspace, present or past (what they wrote while a member stays theirs),
     * as an entry they signed names them (docs/SPEC.md R1); undefined for anyone else.
     */
    signer(workspace: string, userId: string): { name: string; memberSince: number } | undefined {
      const row = q.signer.get(workspace, userId)
      return row ? { name: row.display_name, memberSince: row.created_at } : undefined
    },
    setRole: (workspace: string, userId: string, role: Role) => void q.setMembership.run(workspace, userId, role),
    memberships: (userId: string): Membership[] =>
      q.memberships.all(userId).flatMap((m) => (isRole(m.role) ? [{ workspace: m.workspace, role: m.role }] : [])),
    members(workspace: string): MemberSummary[] {
      return q.members.all(workspace).map((m) => ({
        ...toUser(m),
        role: m.role,
        ...(m.phone !== null ? { phone: m.phone } : {}),
        classes: q.classesOf.all(workspace, m.id).map((r) => r.class_name),
        // The children paired now, by the files' pairings and the older table alike (SPEC P2).
        pairs: this.pairedChildren(workspace, m.id).length,
      }))
    },
    /** Every member there ever was, the removed ones flagged, so what they wrote keeps their name. */
    directory: (workspace: string): DirectoryEntry[] =>
      q.directory.all(workspace).map((m) => ({
        id: m.id,
        displayName: m.display_name,
        role: m.role,
        ...(m.phone !== null ? { phone: m.phone } : {}),
        ...(m.removed_at !== null ? { removed: true as const } : {}),
      })),
    /**
     * Which version of the workspace's directory this is: it changes whenever what `directory`
     * lists may have. Different on every opening of the file (a restored backup counts again from
     * an older version), and secret (a device holds it only hashed: authorize.ts listMarks).
     */
    directoryVersion: (workspace: string) => `${opening}:${q.directoryVersion.get(workspace)?.version ?? 0}`,
    setPhone: (userId: string, phone: string | null) => void q.setPhone.run(phone, userId),
    coordinatorCount: (workspace: string) => q.coordinators.get(workspace)?.n ?? 0,
    /**
     * Removes a member (docs/SPEC.md M3): the membership is marked, never deleted, so their name
     * stays on what they wrote; their sessions end and their pairings end, in one transaction.
     */
    removeMember(workspace: string, userId: string): boolean {
      return db.transaction(() => {
        const t = now()
        if (q.removeMember.run(t, workspace, userId).changes !== 1) return false
        q.endUserSessions.run({ now: t, user: userId })
        q.endPairingsOf.run(t, workspace, userId)
        return true
      })()
    },
    /** Whether the token was a session of someone since removed from their workspace (sign-in and the API say so). */
    removedBehind(token: string): boolean {
      const owner = q.sessionOwner.get(hashToken(token))
      return owner !== undefined && q.memberships.all(owner.user_id).length === 0 && (q.removedIn.get(owner.user_id)?.n ?? 0) > 0
    },
    /** Whether this user was removed and belongs to no workspace now. */
    isRemoved: (userId: string) => q.memberships.all(userId).length === 0 && (q.removedIn.get(userId)?.n ?? 0) > 0,
    roleIn(userId: string, workspace: string): Role | undefined {
      return this.memberships(userId).find((m) => m.workspace === workspace)?.role
    },

    /** A new session; the token is returned once and only its hash is kept. */
    createSession(userId: string, ttlMs = SESSION_TTL_MS): { token: string; expiresAt: number } {
      const token = newToken()
      const expiresAt = now() + ttlMs
      q.insertSession.run(hashToken(token), userId, now(), expiresAt)
      return { token, expiresAt }
    },
    /** The user of a live session, or undefined for an unknown, ended or expired one. */
    sessionUser(token: string): User | undefined {
      const row = q.session.get(hashToken(token))
      if (!row || row.ended_at !== null || row.expires_at <= now()) return undefined
      const user = q.userById.get(row.user_id)
      return user ? toUser(user) : undefined
    },
    endSession: (token: string) => void q.endSession.run(now(), hashToken(token)),
    endAllSessions: (userId: string) => q.endUserSessions.run({ now: now(), user: userId }).changes,

    createInvite(workspace: string, role: Role, createdBy: string | null, ttlMs = INVITE_TTL_MS): string {
      const token = newToken()
      q.insertInvite.run(hashToken(token), workspace, role, createdBy, now() + ttlMs)
      return token
    },
    /** The invite's workspace and role if it can still be used. */
    peekInvite(token: string): Membership | undefined {
      const row = q.invite.get(hashToken(token))
      if (!row || row.used_at !== null || row.revoked_at !== null || row.expires_at <= now() || !isRole(row.role)) return undefined
      return { workspace: row.workspace, role: row.role }
    },
    /** Uses an invite once: creates the account and its membership in one transaction. */
    acceptInvite(token: string, username: string, displayName: string, passwordHash: string, phone?: string): User | undefined {
      return db.transaction(() => {
        const invite = this.peekInvite(token)
        if (!invite) return undefined
        const user = this.createUser(username, displayName, passwordHash)
        if (phone !== undefined) q.setPhone.run(phone, user.id)
        if (q.useInvite.run(user.id, now(), hashToken(token)).changes !== 1) throw new Error('invite already used')
        q.setMembership.run(invite.workspace, user.id, invite.role)
        return user
      })()
    },

    /** Invites not used, revoked or expired; the id is the token's hash, which cannot be used to accept it. */
    openInvites: (workspace: string): OpenInvite[] =>
      q.openInvites.all(workspace, now()).map((r) => ({ id: r.token_hash, role: r.role, createdBy: r.created_by, expiresAt: r.expires_at })),
    revokeInvite: (workspace: string, id: string) => q.revokeInvite.run(now(), id, workspace).changes === 1,

    assignClass: (workspace: string, userId: string, classId: string) => void q.assignClass.run(workspace, userId, classId),
    unassignClass: (workspace: string, userId: string, classId: string) => void q.unassignClass.run(workspace, userId, classId),
    setChildClass: (workspace: string, childId: string, classId: string) => void q.setChildClass.run(workspace, childId, classId),
    teachesClass: (workspace: string, userId: string, classId: string) => (q.teachesClass.get(workspace, userId, classId)?.n ?? 0) > 0,
    childClass: (workspace: string, childId: string) => q.childClass.get(workspace, childId)?.class_name,
    /** The classes assigned to this teacher. */
    classesOf: (workspace: string, userId: string) => q.classesOf.all(workspace, userId).map((r) => r.class_name),
    teachesChild: (workspace: string, userId: string, childId: string) => (q.teachesChild.get(workspace, childId, userId)?.n ?? 0) > 0,
    /** The children in this teacher's classes, by the classes the relay was told. */
    classChildren: (workspace: string, userId: string) => q.classChildren.all(workspace, userId).map((r) => r.child_id),
    pair: (workspace: string, userId: string, childId: string) => void q.insertPairing.run(workspace, userId, childId, now()),
    unpair: (workspace: string, userId: string, childId: string) => q.endPairing.run(now(), workspace, userId, childId).changes,
    /** Paired now: by a pairing of the child's file in force today (P2), or by one made here before files held them. */
    isPaired: (workspace: string, userId: string, childId: string) => {
      const t = now()
      const today = workspaceToday(t)
      return (q.pairedNow.get(workspace, userId, childId, t, t)?.n ?? 0) > 0 || (q.filePairedNow.get(workspace, userId, childId, today, today)?.n ?? 0) > 0
    },
    /** The children paired with this helper now. */
    pairedChildren: (workspace: string, userId: string) => {
      const t = now()
      const today = workspaceToday(t)
      const ids = new Set([...q.pairedChildren.all(workspace, userId, t, t), ...q.filePairedChildren.all(workspace, userId, today, today)].map((r) => r.child_id))
      return [...ids].sort()
    },
    /** The teachers of a class. */
    teachersOf: (workspace: string, classId: string) => q.teachersOf.all(workspace, classId).map((r) => r.user_id),
    /** The account pairings of the child's file as the relay last read them (P2). */
    filePairings: (workspace: string, childId: string): FactPairing[] =>
      q.filePairings.all(workspace, childId).map((r) => ({
        id: r.pairing_id,
        userId: r.user_id,
        kind: r.kind as FactPairing['kind'],
        ...(r.from_day ? { from: r.from_day as IsoDate } : {}),
        ...(r.to_day ? { to: r.to_day as IsoDate } : {}),
      })),
    setFilePairings(workspace: string, childId: string, pairings: readonly FactPairing[]): void {
      db.transaction(() => {
        q.forgetFilePairings.run(workspace, childId)
        for (const p of pairings) q.insertFilePairing.run(workspace, childId, p.id, p.userId, p.kind, p.from ?? null, p.to ?? null)
      })()
    },
    /** Runs `fn` in one transaction. */
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),

    /**
     * An erased child (docs/SPEC.md E5): its class and every pairing with it are deleted for good,
     * and the WAL checkpointed. The audit trail keeps that the file existed, by its id only.
     */
    forgetChild(workspace: string, childId: string): void {
      db.transaction(() => {
        q.forgetChildClass.run(workspace, childId)
        q.forgetPairings.run(workspace, childId)
        q.forgetFilePairings.run(workspace, childId)
      })()
      checkpoint(db)
    },

    /** `reportedAt`: the device's own time of an event it reports (kept beside the relay's). */
    audit: (workspace: string, userId: string | null, docId: string | null, action: string, reportedAt: number | null = null, detail: string | null = null) =>
      void q.insertAudit.run(now(), workspace, userId, docId, action, reportedAt, detail),
    auditForDoc: (workspace: string, docId: string, limit = 10_000) => q.auditByDoc.all(workspace, docId, limit).map(toAudit),
    auditForUser: (workspace: string, userId: string, limit = 10_000) => q.auditByUser.all(workspace, userId, limit).map(toAudit),
    /** A page of the readable trail (docs/SPEC.md M6, M7). */
    auditPage: (workspace: string, filter: AuditFilter): AuditEntry[] => readAuditPage(db, workspace, filter),

    /** For tests of the append-only rule. */
    raw: db,
    close: () => db.close(),
  }
}

/**
 * Newest first by seq, filtered. The stored trail keeps every connection; here a relay's
 * 'opened' is left out when the same person's device reported 'viewed' of the same file within
 * SAME_OPENING_MS of it (one look, told twice), so one opening reads as one row (SPEC M7).
 */
function readAuditPage(db: Database.Database, workspace: string, f: AuditFilter): AuditEntry[] {
  const where = ['a.workspace = @workspace']
  if (f.docId !== undefined) where.push('a.doc_id = @docId')
  if (f.userId !== undefined) where.push('a.user_id = @userId')
  if (f.action !== undefined) where.push('a.action = @action')
  if (f.from !== undefined) where.push('COALESCE(a.reported_at, a.at) >= @from')
  if (f.to !== undefined) where.push('COALESCE(a.reported_at, a.at) <= @to')
  if (f.before !== undefined) where.push('a.seq < @before')
  where.push(`NOT (a.action = 'opened' AND EXISTS (
    SELECT 1 FROM audit v WHERE v.workspace = a.workspace AND v.doc_id = a.doc_id AND v.user_id = a.user_id
    AND v.action = 'viewed' AND ABS(COALESCE(v.reported_at, v.at) - a.at) <= @window))`)
  const sql = `SELECT a.* FROM audit a WHERE ${where.join(' AND ')} ORDER BY a.seq DESC LIMIT @limit`
  const params = Object.fromEntries(Object.entries({ workspace, window: SAME_OPENING_MS, ...f }).filter(([, v]) => v !== undefined))
  return db.prepare<[Record<string, unknown>], AuditRow>(sql).all(params).map(toAudit)
}

interface AuditRow {
  seq: number
  at: number
  reported_at: number | null
  detail: string | null
  workspace: string
  user_id: string | null
  doc_id: string | null
  action: string
}

const toAudit = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  ...(r.reported_at !== null ? { reportedAt: r.reported_at } : {}),
  ...(r.detail !== null ? { detail: r.detail } : {}),
  workspace: r.workspace,
  userId: r.user_id,
  docId: r.doc_id,
  action: r.action,
})
