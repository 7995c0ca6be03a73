import { describe, expect, it } from 'vitest';
import { EVENT_TYPE_GROUPS, EVENT_TYPE_LABELS, eventTypeLabel, FAILURE_OUTCOMES, outcomeLabel } from './event-labels';
import { AUDIT_EVENT_TYPES, AUDIT_OUTCOMES } from './event-types';
import en from '@/messages/en/audit.json';
import ja from '@/messages/ja/audit.json';

describe('event labels', () => {
  it('gives every event type a distinct human label, never the code', () => {
    const labels = AUDIT_EVENT_TYPES.map((t) => eventTypeLabel(t));
    expect(new Set(labels).size).toBe(AUDIT_EVENT_TYPES.length);
    for (const t of AUDIT_EVENT_TYPES) expect(EVENT_TYPE_LABELS[t]).not.toMatch(/^[A-Z_]+$/);
  });

  it('has a label for every type and outcome in every catalog, and nothing else', () => {
    for (const catalog of [en, ja]) {
      expect(Object.keys(catalog.eventType).sort()).toEqual([...AUDIT_EVENT_TYPES].sort());
      expect(Object.keys(catalog.outcome).sort()).toEqual([...AUDIT_OUTCOMES].sort());
    }
    expect(ja.eventType.ISSUE_SUCCEEDED).not.toBe(en.eventType.ISSUE_SUCCEEDED);
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
