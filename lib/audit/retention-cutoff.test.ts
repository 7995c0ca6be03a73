import { describe, expect, it } from 'vitest';
import { partitionsToDrop, retentionCutoff } from './retention-cutoff';

describe('retention', () => {
  it('keeps the current month and the N before it, whole', () => {
    const cutoff = retentionCutoff(new Date('2026-11-23T14:00:00Z'), 12);
    expect(cutoff.toISOString()).toBe('2025-11-01T00:00:00.000Z');
    expect(partitionsToDrop(['audit_events_p202510', 'audit_events_p202511', 'audit_events_p202611', 'audit_events_default', 'audit_events_p202409'], cutoff)).toEqual([
      'audit_events_p202409',
      'audit_events_p202510',
    ]);
  });

  it('crosses year boundaries', () => {
    expect(retentionCutoff(new Date('2026-01-05T00:00:00Z'), 1).toISOString()).toBe('2025-12-01T00:00:00.000Z');
  });
});
