import { describe, expect, it } from 'vitest';
import { EVENT_TYPE_GROUPS, EVENT_TYPE_LABELS, eventTypeLabel, FAILURE_OUTCOMES, outcomeLabel } from './event-labels';
import { AUDIT_EVENT_TYPES } from './event-types';

describe('event labels', () => {
  it('gives every event type a distinct human label, never the code', () => {
    const labels = AUDIT_EVENT_TYPES.map((t) => eventTypeLabel(t));
    expect(new Set(labels).size).toBe(AUDIT_EVENT_TYPES.length);
    for (const t of AUDIT_EVENT_TYPES) expect(EVENT_TYPE_LABELS[t]).not.toMatch(/^[A-Z_]+$/);
  });

  it('shows an unknown code as written and outcomes in words', () => {
    expect(eventTypeLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(outcomeLabel('denied')).toBe('Refused');
    expect(outcomeLabel(null)).toBeNull();
  });

  it('puts every type in exactly one group and counts every non-success outcome as a failure', () => {
    const grouped = EVENT_TYPE_GROUPS.flatMap((g) => g.types);
    expect(grouped.sort()).toEqual([...AUDIT_EVENT_TYPES].sort());
    expect(FAILURE_OUTCOMES).toEqual(['failure', 'denied', 'unknown']);
  });
});
