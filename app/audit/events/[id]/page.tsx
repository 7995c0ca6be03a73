// /audit/events/:id — one event in full: who, the mapping that matched, the session name, the
// STS request id, the other events of the same request, and revocation of what it names.
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { EventTime } from '@/components/audit/event-time';
import { EventTypeBadge } from '@/components/audit/event-type-badge';
import { RevokeSessionsForm } from '@/components/audit/revoke-sessions-form';
import { eventTypeLabel, outcomeLabel } from '@/lib/audit/event-labels';
import { getAuditEvent } from '@/lib/audit/get-audit-event';
import { countByRole, readLiveCredentials } from '@/lib/revocation/live-credentials';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { requirePageActor } from '@/lib/http/page-auth';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Event #${id} — Audit — Keyport` };
}

function Row({ label, name, children }: { label: string; name: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 border-t border-slate-100 py-2 text-sm">
      <dt className="text-slate-700 dark:text-slate-300">{label}</dt>
      <dd className="col-span-2 break-all" data-testid={`field-${name}`}>
        {children ?? '—'}
      </dd>
    </div>
  );
}

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor({ permission: ['audit', 'read'], returnTo: `/audit/events/${encodeURIComponent(id)}` });
  const { event: e, related, mapping, viaGroups } = await getAuditEvent({ db: getDb(), scope: { kind: 'everyone' }, id });
  const mayRevoke = can(actor.roles, ['revocations', 'create']);
  const mono = (v: string | null) => (v ? <span className="font-mono text-xs">{v}</span> : null);
  const live = mayRevoke && e.actorSub ? countByRole(await readLiveCredentials(getDb(), [e.actorSub], new Date())) : undefined;
  return (
    <section>
      <Link href="/audit" className="text-sm text-blue-800 dark:text-blue-300 underline">
        ← Audit search
      </Link>
      <h1 className="mt-2 flex items-center gap-3 text-2xl font-semibold">
        Event #{e.id} <EventTypeBadge type={e.type} />
      </h1>
      {e.type === 'ISSUE_OUTCOME_UNKNOWN' && (
        <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          {e.errorCode
            ? `⚠ Keyport asked AWS for these credentials, and AWS's answer was lost on the way back (${e.errorCode}). Keyport did not retry, so at most one key exists.`
            : '⚠ Keyport asked AWS for these credentials but never recorded the answer (the server stopped mid-request).'}{' '}
          Credentials may have been issued: look for this session name{e.stsRequestId ? ` and STS request ${e.stsRequestId}` : ''} in CloudTrail around this time.
        </p>
      )}
      <div className="mt-6 grid gap-8 lg:grid-cols-2">
        <dl className="rounded-lg border border-slate-200 bg-white px-4">
          <Row label="Time" name="time">
            <EventTime iso={e.occurredAt} />
          </Row>
          <Row label="Event type" name="type">
            {eventTypeLabel(e.type)} <span className="font-mono text-xs text-slate-700 dark:text-slate-300">({e.type})</span>
          </Row>
          <Row label="Outcome" name="outcome">
            {e.outcome ? (
              <>
                {outcomeLabel(e.outcome)} <span className="font-mono text-xs text-slate-700 dark:text-slate-300">({e.outcome})</span>
              </>
            ) : null}
          </Row>
          <Row label="Person" name="person">
            {e.actorName || e.actorEmail ? `${e.actorName ?? ''}${e.actorEmail ? ` <${e.actorEmail}>` : ''}` : null}
          </Row>
          <Row label="Subject" name="subject">
            {mono(e.actorSub)}
          </Row>
          <Row label="Groups at the time" name="groups">
            {e.actorGroups.join(', ') || null}
          </Row>
          <Row label="Mapping that matched" name="mapping">
            {mapping ? (
              <span>
                group <strong>{mapping.idpGroup}</strong> → {mapping.roleLabel} ({mapping.accountLabel}){mapping.enabled ? '' : ' — now disabled'} <span className="font-mono text-xs text-slate-700 dark:text-slate-300">{mapping.id}</span>
              </span>
            ) : (
              mono(e.mappingId)
            )}
          </Row>
          <Row label="Entitled via" name="via-groups">
            {viaGroups.join(', ') || null}
          </Row>
          <Row label="Role" name="role-arn">
            {mono(e.roleArn)}
          </Row>
          <Row label="Account" name="account">
            {mono(e.accountId)}
          </Row>
          <Row label="Session name" name="session-name">
            {mono(e.sessionName)}
          </Row>
          <Row label="AccessKeyId" name="access-key-id">
            {mono(e.accessKeyId)}
          </Row>
          <Row label="Assumed-role ARN" name="assumed-role-arn">
            {mono(e.assumedRoleArn)}
          </Row>
          <Row label="STS request id" name="sts-request-id">
            {mono(e.stsRequestId)}
          </Row>
          <Row label="Expires" name="expires">
            {e.expiresAt ? <EventTime iso={e.expiresAt} /> : null}
          </Row>
          <Row label="Duration / region" name="duration">
            {e.durationSeconds ? `${e.durationSeconds / 60} min · ${e.region ?? ''}` : null}
          </Row>
          <Row label="AWS error" name="error-code">
            {mono(e.errorCode)}
          </Row>
          <Row label="Source IP / agent" name="source">
            {e.sourceIp || e.userAgent ? `${e.sourceIp ?? ''} · ${e.userAgent ?? ''}` : null}
          </Row>
          <Row label="Keyport request id" name="request-id">
            {mono(e.requestId)}
          </Row>
          <Row label="Details" name="details">
            <pre className="whitespace-pre-wrap font-mono text-xs">{JSON.stringify(e.details, null, 2)}</pre>
          </Row>
          <Row label="Chain position / hash" name="hash">
            {e.seq ? <span className="font-mono text-xs">{`${e.seq} · ${e.hash ?? ''}`}</span> : null}
          </Row>
        </dl>
        <div className="grid content-start gap-6">
          <div>
            <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">This request</h2>
            <ol className="mt-2 grid gap-2">
              {related.map((r) => (
                <li key={r.id} className={`rounded border p-2 text-sm ${r.id === e.id ? 'border-slate-400 bg-slate-50' : 'border-slate-200'}`} data-testid="related-event">
                  <EventTypeBadge type={r.type} /> <EventTime iso={r.occurredAt} />{' '}
                  {r.id !== e.id && (
                    <Link href={`/audit/events/${r.id}`} className="text-xs text-blue-800 dark:text-blue-300 underline">
                      #{r.id}
                    </Link>
                  )}
                </li>
              ))}
            </ol>
          </div>
          {mayRevoke && e.actorSub && e.type.startsWith('ISSUE_') && (
            <RevokeSessionsForm target={{ kind: 'person', personSub: e.actorSub, label: `${e.actorName ?? e.actorEmail ?? e.actorSub} (session name ${e.sessionName ?? '?'})` }} live={live} />
          )}
          {mayRevoke && e.roleArn && e.type.startsWith('ISSUE_') && <RevokeSessionsForm target={{ kind: 'role', roleArn: e.roleArn, label: e.roleArn }} />}
        </div>
      </div>
    </section>
  );
}
