import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AUDIT_COPY_COLUMNS, generateAuditCsv, rng, syntheticPeople } from './audit-data';

describe('synthetic audit data', () => {
  it('is deterministic', () => {
    const a = rng(1);
    const b = rng(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(syntheticPeople({ events: 1, people: 3, roles: 5, months: 1 })).toEqual(syntheticPeople({ events: 1, people: 3, roles: 5, months: 1 }));
  });

  it('writes exactly the requested rows, one field per copied column, in time order', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-audit-'));
    const seen: string[] = [];
    const res = await generateAuditCsv({
      shape: { events: 1001, people: 20, roles: 10, months: 2, end: new Date('2026-11-01T00:00:00Z') },
      dir,
      rowsPerFile: 400,
      onFile: async (file) => {
        seen.push(readFileSync(file, 'utf8'));
      },
    });
    expect(res.events).toBe(1001);
    const lines = seen.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(1001);
    expect(seen).toHaveLength(3);
    // Fields with commas are quoted; count columns by parsing simply.
    const fields = (l: string) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.filter((x) => x !== '') ?? [];
    for (const l of lines.slice(0, 50)) expect(fields(l)).toHaveLength(AUDIT_COPY_COLUMNS.length);
    const times = lines.map((l) => Date.parse(l.slice(0, 24)));
    expect(times.every((t) => t <= Date.parse('2026-11-01T00:00:01Z'))).toBe(true);
    expect(lines.filter((l) => l.includes(',ISSUE_SUCCEEDED,')).length).toBeGreaterThan(400);
  });
});
