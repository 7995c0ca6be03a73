// /audit/events/:id — one event in full: who, the mapping that matched, the session name, the
// STS request id, the other events of the same request, and revocation of what it names.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { EventTime } from '@/components/audit/event-time';
import { EventTypeBadge } from '@/components/audit/event-type-badge';
import { RevokeSessionsForm } from '@/components/audit/revoke-sessions-form';
import { ClientIntl } from '@/components/i18n/client-intl';
import { isAuditEventType } from '@/lib/audit/event-types';
import { getAuditEvent } from '@/lib/audit/get-audit-event';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { requirePageActor } from '@/lib/http/page-auth';
import { countByRole, readLiveCredentials } from '@/lib/revocation/live-credentials';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const t = await getTranslations('audit');
  return { title: `${t('event.title', { id })} · ${t('title')}` };
}

function Row({ label, name, children }: { label: string; name: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 border-t border-slate-200 py-2 text-sm sm:grid-cols-3 sm:gap-3 dark:border-slate-700">
      <dt className="text-slate-700 dark:text-slate-300">{label}</dt>
      <dd className="break-all sm:col-span-2" data-testid={`field-${name}`}>
        {children ?? '—'}
      </dd>
    </div>
  );
}

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor({ permission: ['audit', 'read'], returnTo: `/audit/events/${encodeURIComponent(id)}` });
  const t = await getTranslations('audit');
  const { event: e, related, mapping, viaGroups } = await getAuditEvent({ db: getDb(), scope: { kind: 'everyone' }, id });
  const mayRevoke = can(actor.roles, ['revocations', 'create']);
  // Data (identifiers, names, codes) is marked translate="no": it reads the same in every language.
  const mono = (v: string | null) => (v ? <span translate="no" className="font-mono text-xs">{v}</span> : null);
  const live = mayRevoke && e.actorSub ? countByRole(await readLiveCredentials(getDb(), [e.actorSub], new Date())) : undefined;
  return (
    <section aria-labelledby="event-title">
      <Link href="/audit" className="text-sm text-blue-800 underline dark:text-blue-300">
        {t('event.back')}
      </Link>
      <h1 id="event-title" className="mt-2 flex flex-wrap items-center gap-3 text-2xl font-semibold">
        {t('event.title', { id: e.id })} <EventTypeBadge type={e.type} />
      </h1>
      {e.type === 'ISSUE_OUTCOME_UNKNOWN' && (
        <p className="mt-3 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
          {e.errorCode ? t('event.unknownLost', { code: e.errorCode }) : t('event.unknownNever')} {e.stsRequestId ? t('event.unknownLookSts', { sts: e.stsRequestId }) : t('event.unknownLook')}
        </p>
      )}
      <div className="mt-6 grid gap-8 lg:grid-cols-2">
        <dl className="min-w-0 rounded-lg border border-slate-300 bg-white px-4 dark:border-slate-700 dark:bg-slate-900">
          <Row label={t('event.time')} name="time">
            <EventTime iso={e.occurredAt} />
          </Row>
          <Row label={t('event.type')} name="type">
            {isAuditEventType(e.type) ? t(`eventType.${e.type}`) : e.type} <span translate="no" className="font-mono text-xs text-slate-700 dark:text-slate-300">({e.type})</span>
          </Row>
          <Row label={t('event.outcome')} name="outcome">
            {e.outcome ? (
              <>
                {t(`outcome.${e.outcome}` as 'outcome.success')} <span translate="no" className="font-mono text-xs text-slate-700 dark:text-slate-300">({e.outcome})</span>
              </>
            ) : null}
          </Row>
          <Row label={t('event.person')} name="person">
            {e.actorName || e.actorEmail ? <span translate="no">{`${e.actorName ?? ''}${e.actorEmail ? ` <${e.actorEmail}>` : ''}`}</span> : null}
          </Row>
          <Row label={t('event.subject')} name="subject">
            {mono(e.actorSub)}
          </Row>
          <Row label={t('event.groups')} name="groups">
            {e.actorGroups.length > 0 ? <span translate="no">{e.actorGroups.join(', ')}</span> : null}
          </Row>
          <Row label={t('event.mapping')} name="mapping">
            {mapping ? (
              <span>
                {t.rich('event.mappingText', {
                  strong: (chunks) => <strong translate="no">{chunks}</strong>,
                  data: (chunks) => <span translate="no">{chunks}</span>,
                  group: mapping.idpGroup,
                  role: mapping.roleLabel,
                  account: mapping.accountLabel,
                })}
                {mapping.enabled ? '' : t('event.nowDisabled')} {mono(mapping.id)}
              </span>
            ) : (
              mono(e.mappingId)
            )}
          </Row>
          <Row label={t('event.via')} name="via-groups">
            {viaGroups.length > 0 ? <span translate="no">{viaGroups.join(', ')}</span> : null}
          </Row>
          <Row label={t('event.role')} name="role-arn">
            {mono(e.roleArn)}
          </Row>
          <Row label={t('event.account')} name="account">
            {mono(e.accountId)}
          </Row>
          <Row label={t('event.sessionName')} name="session-name">
            {mono(e.sessionName)}
          </Row>
          <Row label={t('event.accessKeyId')} name="access-key-id">
            {mono(e.accessKeyId)}
          </Row>
          <Row label={t('event.assumedRole')} name="assumed-role-arn">
            {mono(e.assumedRoleArn)}
          </Row>
          <Row label={t('event.stsRequest')} name="sts-request-id">
            {mono(e.stsRequestId)}
          </Row>
          <Row label={t('event.expires')} name="expires">
            {e.expiresAt ? <EventTime iso={e.expiresAt} /> : null}
          </Row>
          <Row label={t('event.duration')} name="duration">
            {e.durationSeconds ? <span translate="no">{t('event.durationValue', { minutes: e.durationSeconds / 60, region: e.region ?? '' })}</span> : null}
          </Row>
          <Row label={t('event.awsError')} name="error-code">
            {mono(e.errorCode)}
          </Row>
          <Row label={t('event.source')} name="source">
            {e.sourceIp || e.userAgent ? <span translate="no">{`${e.sourceIp ?? ''} · ${e.userAgent ?? ''}`}</span> : null}
          </Row>
          <Row label={t('event.requestId')} name="request-id">
            {mono(e.requestId)}
          </Row>
          <Row label={t('event.details')} name="details">
            <pre className="whitespace-pre-wrap font-mono text-xs">{JSON.stringify(e.details, null, 2)}</pre>
          </Row>
          <Row label={t('event.hash')} name="hash">
            {e.seq ? <span translate="no" className="font-mono text-xs">{`${e.seq} · ${e.hash ?? ''}`}</span> : null}
          </Row>
        </dl>
        <div className="grid min-w-0 content-start gap-6">
          <div>
            <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">{t('event.thisRequest')}</h2>
            <ol className="mt-2 grid gap-2">
              {related.map((r) => (
                <li key={r.id} className={`rounded border p-2 text-sm ${r.id === e.id ? 'border-slate-500 bg-slate-50 dark:bg-slate-800' : 'border-slate-300 dark:border-slate-700'}`} data-testid="related-event">
                  <EventTypeBadge type={r.type} /> <EventTime iso={r.occurredAt} />{' '}
                  {r.id !== e.id && (
                    <Link href={`/audit/events/${r.id}`} className="text-xs text-blue-800 underline dark:text-blue-300" >
                      {t('table.detailsLabel', { id: r.id })}
                    </Link>
                  )}
                </li>
              ))}
            </ol>
          </div>
          {e.actorSub && (
            <Link href={`/people?${new URLSearchParams([['q', e.actorSub]]).toString()}`} className="text-sm text-blue-800 underline dark:text-blue-300">
              {t('event.inPeople')}
            </Link>
          )}
          <ClientIntl namespaces={['revocations']}>
            {mayRevoke && e.actorSub && e.type.startsWith('ISSUE_') && (
              <RevokeSessionsForm target={{ kind: 'person', personSub: e.actorSub, label: `${e.actorName ?? e.actorEmail ?? e.actorSub} (${e.sessionName ?? '?'})` }} live={live} />
            )}
            {mayRevoke && e.roleArn && e.type.startsWith('ISSUE_') && <RevokeSessionsForm target={{ kind: 'role', roleArn: e.roleArn, label: e.roleArn }} />}
          </ClientIntl>
        </div>
      </div>
    </section>
  );
}
