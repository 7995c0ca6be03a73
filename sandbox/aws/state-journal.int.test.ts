// The sandbox's issued sessions survive a crash (no orderly close) through the journal, a torn
// last line is tolerated, a corrupt earlier line is refused, and start/close fold the journal
// into the state file. The secrets files stay private (mode 0600).
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPathOf, SandboxState, type IssuedSession } from './state';
import { makeWorld } from './testing';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-aws-journal-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const world = makeWorld('http://127.0.0.1:9/issuer');
const now = new Date();

function session(n: number): IssuedSession {
  return {
    accessKeyId: `ASIAJOURNAL${String(n).padStart(9, '0')}`,
    secretAccessKey: `secret-${n}`,
    sessionTokenHash: `hash-${n}`,
    roleArn: 'arn:aws:iam::111122223333:role/DevDeveloper',
    roleId: 'AROAEXAMPLE',
    sessionName: `person-${n}`,
    account: '111122223333',
    assumedRoleArn: `arn:aws:sts::111122223333:assumed-role/DevDeveloper/person-${n}`,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 3600_000).toISOString(),
    provider: 'arn:aws:iam::111122223333:oidc-provider/example',
    subject: `sub-${n}`,
  };
}

describe('sandbox AWS state journal', () => {
  it('keeps sessions issued before a crash, and folds the journal into the state file on start', () => {
    const statePath = join(dir, 'crash', 'state.json');
    const first = new SandboxState(world, statePath);
    for (let n = 1; n <= 3; n++) first.addSession(session(n), now);
    // No persist/close: the process "crashed". Only the journal holds the sessions.
    const journal = journalPathOf(statePath);
    expect(existsSync(statePath)).toBe(false);
    expect(readFileSync(journal, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(statSync(journal).mode & 0o077).toBe(0);

    const second = new SandboxState(world, statePath);
    expect(second.allSessions().map((s) => s.sessionName).sort()).toEqual(['person-1', 'person-2', 'person-3']);
    expect(second.session(session(2).accessKeyId)?.secretAccessKey).toBe('secret-2');
    expect(existsSync(journal)).toBe(false);
    expect(readFileSync(statePath, 'utf8')).toContain(session(3).accessKeyId);
  });

  it('skips a torn last line but refuses a corrupt line before it', () => {
    const torn = join(dir, 'torn.json');
    new SandboxState(world, torn).addSession(session(7), now);
    appendFileSync(journalPathOf(torn), '{"accessKeyId":"ASIATORN');
    expect(new SandboxState(world, torn).allSessions().map((s) => s.sessionName)).toEqual(['person-7']);

    const corrupt = join(dir, 'corrupt.json');
    writeFileSync(journalPathOf(corrupt), `not json\n${JSON.stringify(session(8))}\n`);
    expect(() => new SandboxState(world, corrupt)).toThrow(/journal .* line 1 is unreadable/);
  });

  it('persist() writes every session to the state file and empties the journal', () => {
    const statePath = join(dir, 'close.json');
    const state = new SandboxState(world, statePath);
    state.addSession(session(11), now);
    state.addSession(session(12), now);
    state.persist(now);
    expect(existsSync(journalPathOf(statePath))).toBe(false);
    const text = readFileSync(statePath, 'utf8');
    expect(text).toContain(session(11).accessKeyId);
    expect(text).toContain(session(12).accessKeyId);
    expect(statSync(statePath).mode & 0o077).toBe(0);
    expect(new SandboxState(world, statePath).allSessions()).toHaveLength(2);
  });
});
