import { describe, expect, it } from 'vitest';
import { ChainChecker, type ChainRow } from './chain-check';

const ZERO = '0'.repeat(64);
function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = ZERO;
  for (let i = 1; i <= n; i++) {
    const hash = `h${i}`.padEnd(64, 'x');
    rows.push({ id: String(100 + i), occurredAt: new Date(0), seq: BigInt(i), prevHash: prev, hash, recomputed: hash });
    prev = hash;
  }
  return rows;
}
function run(rows: ChainRow[], head = { seq: BigInt(rows.length), hash: rows[rows.length - 1]?.hash ?? ZERO }) {
  const c = new ChainChecker({ seq: 0n, hash: ZERO });
  for (const r of rows) {
    const b = c.feed(r);
    if (b) return b;
  }
  return c.finish(head);
}

describe('ChainChecker', () => {
  it('accepts an intact chain', () => {
    expect(run(chain(5))).toBeNull();
  });

  it('names an edited event', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, recomputed: 'different' };
    expect(run(rows)).toMatchObject({ eventId: '103', problem: 'edited' });
  });

  it('names the event after a deleted one', () => {
    const rows = chain(5);
    rows.splice(2, 1);
    const b = run(rows, { seq: 5n, hash: chain(5)[4]!.hash! });
    expect(b).toMatchObject({ eventId: '104', problem: 'missing-predecessor' });
  });

  it('notices the newest events deleted', () => {
    const all = chain(5);
    expect(run(all.slice(0, 3), { seq: 5n, hash: all[4]!.hash! })).toMatchObject({ problem: 'missing-tail' });
  });

  it('names an event inserted without the trigger', () => {
    const rows = chain(3);
    rows.splice(1, 0, { id: '999', occurredAt: new Date(0), seq: null, prevHash: null, hash: null, recomputed: null });
    expect(run(rows)).toMatchObject({ eventId: '999', problem: 'not-chained' });
  });

  it('names an event that copies a chain position', () => {
    const rows = chain(3);
    rows.splice(2, 0, { ...rows[1]!, id: '998' });
    expect(run(rows)).toMatchObject({ eventId: '998', problem: 'duplicate' });
  });

  it('verifies from a retention checkpoint', () => {
    const rows = chain(5).slice(2);
    const c = new ChainChecker({ seq: 2n, hash: rows[0]!.prevHash! });
    for (const r of rows) expect(c.feed(r)).toBeNull();
    expect(c.finish({ seq: 5n, hash: rows[2]!.hash! })).toBeNull();
  });
});
