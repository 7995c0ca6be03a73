// The sandbox's mutable state: issued sessions and IAM changes (inline role policies). With a
// state path, every change is written (mode 0600) and reloaded on start, so keys stay valid and
// revocations stay in force across a restart. Each issued session is one line appended to a
// journal beside the state file (O(1) per issuance, as a real STS would not slow down with the
// number of sessions); policy changes, start and close rewrite the state file atomically and
// empty the journal, and so does a journal grown past JOURNAL_COMPACT_LINES.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { World, WorldRole } from './world';

const IssuedSessionSchema = z.object({
  accessKeyId: z.string(),
  /** Needed to verify SigV4 signatures; kept only in memory and in the state file. */
  secretAccessKey: z.string(),
  /** SHA-256 of the session token: the token itself is never stored. */
  sessionTokenHash: z.string(),
  roleArn: z.string(),
  roleId: z.string(),
  sessionName: z.string(),
  account: z.string(),
  assumedRoleArn: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  /** The federated provider ARN (OIDC or SAML) that vouched for the caller. */
  provider: z.string(),
  subject: z.string(),
  sessionPolicy: z.string().optional(),
  sourceIdentity: z.string().optional(),
  /** Session tags (from the token's or assertion's tags): aws:PrincipalTag/<key> of the session. */
  tags: z.record(z.string(), z.string()).optional(),
  transitiveTagKeys: z.array(z.string()).optional(),
  /** AssumeRole with another session's keys (role chaining): that session's AccessKeyId. */
  chainedFrom: z.string().optional(),
});
export type IssuedSession = z.output<typeof IssuedSessionSchema>;

const StateFileSchema = z.object({
  version: z.literal(1),
  sessions: z.array(IssuedSessionSchema),
  /** roleArn → policy name → policy document text, for roles changed through IAM. */
  inlinePolicies: z.record(z.string(), z.record(z.string(), z.string())),
});
type StateFile = z.output<typeof StateFileSchema>;

/** Expired sessions are kept a day (so callers get ExpiredToken, not InvalidClientTokenId), then dropped. */
const EXPIRED_RETENTION_MS = 24 * 60 * 60 * 1000;
const JOURNAL_COMPACT_LINES = 10_000;

/** The journal of sessions issued since the state file was last written. */
export function journalPathOf(statePath: string): string {
  return `${statePath}.journal`;
}

export class SandboxState {
  private readonly sessions = new Map<string, IssuedSession>();
  /** Roles whose inline policies were changed through IAM; others use the world's. */
  private readonly changedPolicies = new Map<string, Map<string, string>>();
  private journalLines = 0;

  constructor(
    private readonly world: World,
    private readonly statePath?: string,
  ) {
    if (statePath === undefined) return;
    if (existsSync(statePath)) this.load(statePath);
    const journal = journalPathOf(statePath);
    if (existsSync(journal)) {
      this.replayJournal(journal);
      this.persist(new Date());
    }
  }

  private load(path: string): void {
    let parsed: StateFile;
    try {
      parsed = StateFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    } catch (e) {
      throw new Error(`sandbox AWS: state file ${path} is unreadable (${e instanceof Error ? e.message : String(e)}); move it away to start fresh`);
    }
    for (const session of parsed.sessions) this.sessions.set(session.accessKeyId, session);
    for (const [roleArn, policies] of Object.entries(parsed.inlinePolicies)) {
      if (this.world.roles.some((r) => r.arn === roleArn)) this.changedPolicies.set(roleArn, new Map(Object.entries(policies)));
    }
  }

  /** Sessions appended since the last state file; a torn last line (a crash mid-append) is skipped. */
  private replayJournal(path: string): void {
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let session: IssuedSession;
      try {
        session = IssuedSessionSchema.parse(JSON.parse(line));
      } catch (e) {
        if (i >= lines.length - 2) return;
        throw new Error(`sandbox AWS: journal ${path} line ${i + 1} is unreadable (${e instanceof Error ? e.message : String(e)}); move it away to start fresh`);
      }
      this.sessions.set(session.accessKeyId, session);
    });
  }

  /** Writes the whole state file and empties the journal (on start, close and policy changes). */
  persist(now: Date): void {
    if (this.statePath === undefined) return;
    for (const [id, s] of this.sessions) {
      if (Date.parse(s.expiresAt) + EXPIRED_RETENTION_MS < now.getTime()) this.sessions.delete(id);
    }
    const data: StateFile = {
      version: 1,
      sessions: [...this.sessions.values()],
      inlinePolicies: Object.fromEntries([...this.changedPolicies].map(([arn, m]) => [arn, Object.fromEntries(m)])),
    };
    mkdirSync(dirname(this.statePath), { recursive: true });
    const tmp = `${this.statePath}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.statePath);
    // A crash between the rename and this leaves sessions in both files: replaying them is harmless.
    rmSync(journalPathOf(this.statePath), { force: true });
    this.journalLines = 0;
  }

  addSession(session: IssuedSession, now: Date): void {
    this.sessions.set(session.accessKeyId, session);
    if (this.statePath === undefined) return;
    if (this.journalLines >= JOURNAL_COMPACT_LINES) {
      this.persist(now);
      return;
    }
    mkdirSync(dirname(this.statePath), { recursive: true });
    appendFileSync(journalPathOf(this.statePath), `${JSON.stringify(session)}\n`, { mode: 0o600 });
    this.journalLines++;
  }

  session(accessKeyId: string): IssuedSession | undefined {
    return this.sessions.get(accessKeyId);
  }

  allSessions(): IssuedSession[] {
    return [...this.sessions.values()];
  }

  /** The role's current inline policies, name → document text. */
  inlinePolicies(role: WorldRole): Map<string, string> {
    const changed = this.changedPolicies.get(role.arn);
    if (changed !== undefined) return new Map(changed);
    return new Map(Object.entries(role.inlinePolicies).map(([name, doc]) => [name, JSON.stringify(doc)]));
  }

  putInlinePolicy(role: WorldRole, name: string, document: string, now: Date): void {
    const policies = this.inlinePolicies(role);
    policies.set(name, document);
    this.changedPolicies.set(role.arn, policies);
    this.persist(now);
  }

  /** Returns false when the role has no such policy. */
  deleteInlinePolicy(role: WorldRole, name: string, now: Date): boolean {
    const policies = this.inlinePolicies(role);
    if (!policies.delete(name)) return false;
    this.changedPolicies.set(role.arn, policies);
    this.persist(now);
    return true;
  }
}
