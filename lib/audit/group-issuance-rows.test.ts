import { describe, expect, it } from 'vitest';
import type { AuditEventView } from './audit-event-view';
import { groupIssuanceRows } from './group-issuance-rows';

let n = 0;
function ev(type: string, intentId: string | null): AuditEventView {
  n += 1;
  return {
    id: String(n), occurredAt: new Date(Date.UTC(2026, 11, 1, 12, 0, 60 - n)).toISOString(), type, outcome: null, intentId, requestId: null, actorSub: 's', actorEmail: null, actorName: null,
    actorGroups: [], idpKind: null, mappingId: null, roleArn: null, accountId: null, sessionName: null, durationSeconds: null, region: null, sourceIp: null, userAgent: null,
    accessKeyId: null, expiresAt: null, assumedRoleArn: null, stsRequestId: null, errorCode: null, channel: 'web', details: {}, seq: null, hash: null,
  };
}

describe('groupIssuanceRows', () => {
  it('shows a request and its outcome as one row, the outcome in front', () => {
    const ok = ev('ISSUE_SUCCEEDED', 'i1');
    const req = ev('ISSUE_REQUESTED', 'i1');
    const rows = groupIssuanceRows([ok, req]);
    expect(rows).toEqual([{ event: ok, request: req }]);
  });

  it('keeps a request whose outcome is on another page, and an outcome whose request is', () => {
    const lone = ev('ISSUE_REQUESTED', 'i2');
    const orphan = ev('ISSUE_FAILED', 'i3');
    expect(groupIssuanceRows([lone, orphan])).toEqual([
      { event: lone, request: null },
      { event: orphan, request: null },
    ]);
  });

  it('never drops or repeats an event: a second outcome of one intent stays its own row', () => {
    const late = ev('ISSUE_SUCCEEDED', 'i4');
    const unknown = ev('ISSUE_OUTCOME_UNKNOWN', 'i4');
    const req = ev('ISSUE_REQUESTED', 'i4');
    const other = ev('MAPPING_CREATED', null);
    const rows = groupIssuanceRows([late, unknown, req, other]);
    expect(rows.map((r) => [r.event.id, r.request?.id ?? null])).toEqual([
      [late.id, req.id],
      [unknown.id, null],
      [other.id, null],
    ]);
    const shown = rows.flatMap((r) => [r.event.id, ...(r.request ? [r.request.id] : [])]);
    expect(shown.sort()).toEqual([late, unknown, req, other].map((e) => e.id).sort());
  });

  it('pairs a request listed before its outcome too', () => {
    const req = ev('ISSUE_REQUESTED', 'i5');
    const denied = ev('ISSUE_DENIED', 'i5');
    expect(groupIssuanceRows([req, denied])).toEqual([{ event: denied, request: req }]);
  });
});
