import { describe, expect, it } from 'vitest';
import { CheckpointCheck, type SourcedCheckpoint, type Witness } from './checkpoint-check';

const h = (n: number) => n.toString(16).padStart(64, '0');
const cp = (position: number, hash: string, source = `cp ${position}`): SourcedCheckpoint => ({ checkpoint: { position: String(position), headHash: hash, signedAt: '2026-12-01T10:00:00.000Z', every: 5, keyId: 'k', signature: 's' }, source });
const anchor = { seq: 0n, hash: '0'.repeat(64) };
const walk = (c: CheckpointCheck, upTo: number, hashOf: (n: number) => string = h) => {
  for (let n = 1; n <= upTo; n++) {
    const b = c.feed({ seq: BigInt(n), id: `e${n}`, hash: hashOf(n) });
    if (b) return b;
  }
  return c.finish(BigInt(upTo));
};

describe('CheckpointCheck', () => {
  it('passes a chain that has every checkpoint\'s hash at its position', () => {
    const c = new CheckpointCheck([cp(5, h(5)), cp(10, h(10))], anchor);
    expect(walk(c, 12)).toBeNull();
    expect(c.matched).toBe(2);
    expect(c.uncovered(12n)).toEqual({ after: 10n, count: 2n, every: 5 });
  });
  it('names the first event after the last matching checkpoint when a later one disagrees', () => {
    const c = new CheckpointCheck([cp(5, h(5)), cp(10, h(10))], anchor);
    expect(walk(c, 12, (n) => (n >= 8 ? h(1000 + n) : h(n)))).toMatchObject({ problem: 'checkpoint-mismatch', eventId: 'e6', seq: '6' });
  });
  it('names the first event when no checkpoint before it matched', () => {
    const c = new CheckpointCheck([cp(3, 'f'.repeat(64))], anchor);
    expect(walk(c, 4)).toMatchObject({ problem: 'checkpoint-mismatch', eventId: 'e1', message: expect.stringContaining('positions 1…3') });
  });
  it('reports events deleted from the end when a checkpoint lies past the chain', () => {
    const c = new CheckpointCheck([cp(5, h(5)), cp(10, h(10))], anchor);
    expect(walk(c, 7)).toMatchObject({ problem: 'checkpoint-missing-events', seq: '8', message: expect.stringContaining('events 8…10 were deleted') });
  });
  it('with outside hashes, names the exact event that differs, and events recorded past the end', () => {
    const witnesses = new Map<string, Witness>(Array.from({ length: 12 }, (_, i) => [String(i + 1), { hash: h(i + 1), source: 'sink line' }]));
    expect(walk(new CheckpointCheck([], anchor, witnesses), 12, (n) => (n >= 8 ? h(1000 + n) : h(n)))).toMatchObject({ problem: 'disagrees-with-record', eventId: 'e8' });
    expect(walk(new CheckpointCheck([cp(5, h(5))], anchor, witnesses), 9)).toMatchObject({ problem: 'checkpoint-missing-events', seq: '10', message: expect.stringContaining('events 10…12 were deleted') });
  });
  it('leaves checkpoints before the retention anchor aside and checks one at the anchor', () => {
    const retained = { seq: 4n, hash: h(4) };
    const ok = new CheckpointCheck([cp(2, h(2)), cp(4, h(4))], retained);
    expect(ok.start()).toBeNull();
    expect(ok.retained).toBe(1);
    expect(new CheckpointCheck([cp(4, h(99))], retained).start()).toMatchObject({ problem: 'checkpoint-mismatch', seq: '4' });
  });
});
