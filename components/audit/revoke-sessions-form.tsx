'use client';
// Revokes live sessions — of one person, or of one role — in two steps: the reviewer gives a
// reason, then confirms what will be cut off. The answer says how many live sessions were cut
// off, on which roles (for a person), and focus moves to it.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { EventTime } from './event-time';
import { postJson } from './post-json';

export type RevokeTarget = { kind: 'person'; personSub: string; label: string } | { kind: 'role'; roleArn: string; label: string };

interface RevocationAnswer {
  id: string;
  roleArns: string[];
  revokedBefore: string;
  failures: { roleArn: string; code: string }[];
  sessionsEnded?: number;
  cutOff?: { roleArn: string; sessions: number }[];
}

const roleName = (arn: string) => arn.split('/').pop() ?? arn;

export function RevokeSessionsForm({ target, roleChoices, live }: { target: RevokeTarget | null; roleChoices?: string[]; live?: { roleArn: string; sessions: number }[] }) {
  const [reason, setReason] = useState('');
  const [roleArn, setRoleArn] = useState(target?.kind === 'role' ? target.roleArn : (roleChoices?.[0] ?? ''));
  const [step, setStep] = useState<'reason' | 'confirm' | 'busy' | 'done'>('reason');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<RevocationAnswer | null>(null);
  const t = useTranslations('revocations.revoke');
  const confirmRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const kind = target?.kind ?? 'role';
  const title = kind === 'person' ? t('titlePerson') : target ? t('titleRole') : t('titleAnyRole');
  const explain = kind === 'person' ? t('explainPerson') : t('explainRole');
  const liveTotal = live?.reduce((n, l) => n + l.sessions, 0);
  // "2 on DevReadOnly, 1 on ProdReadOnly", the role names marked as data.
  const perRole = (list: { roleArn: string; sessions: number }[]) => () =>
    list.map((l, i) => (
      <span key={l.roleArn}>
        {i > 0 ? ', ' : ''}
        {t.rich('liveItem', { sessions: l.sessions, role: roleName(l.roleArn), data: (c) => <span translate="no">{c}</span> })}
      </span>
    ));

  useEffect(() => {
    if (step === 'confirm') confirmRef.current?.focus();
    if (step === 'done') resultRef.current?.focus();
  }, [step]);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function submit() {
    setStep('busy');
    setError(null);
    const body = target?.kind === 'person' ? { kind: 'person', personSub: target.personSub, reason } : { kind: 'role', roleArn, reason };
    const r = await postJson<{ revocation: RevocationAnswer }>('/api/revocations', body);
    if (!r.ok) {
      setStep('reason');
      setError(r.message);
      return;
    }
    setDone(r.data.revocation);
    setStep('done');
  }

  const subject = target ? target.label : roleArn;
  return (
    <form
      className="rounded-lg border border-red-300 bg-red-50/40 p-4 dark:border-red-800 dark:bg-red-950/40"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        if (step === 'reason') {
          if (reason.trim().length < 3) {
            setError(t('reasonShort'));
            return;
          }
          setError(null);
          setStep('confirm');
        } else if (step === 'confirm') void submit();
      }}
    >
      <h3 className="font-semibold text-red-950 dark:text-red-100">{title}</h3>
      <p className="mt-1 text-sm text-slate-800 dark:text-slate-200">{explain}</p>
      {target ? (
        <p translate="no" className="mt-2 break-all font-mono text-xs text-slate-900 dark:text-slate-100">{target.label}</p>
      ) : (
        <div className="mt-2">
          <label htmlFor="revoke-role" className="block text-xs font-medium text-slate-800 dark:text-slate-200">
            {t('role')}
          </label>
          <select translate="no" id="revoke-role" value={roleArn} disabled={step !== 'reason'} onChange={(e) => setRoleArn(e.target.value)} className="mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 font-mono text-xs dark:border-slate-500 dark:bg-slate-900">
            {(roleChoices ?? []).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
      )}
      {live && (
        <p className="mt-2 text-sm text-slate-800 dark:text-slate-200" data-testid="revoke-live">
          {liveTotal === 0 ? t('liveNone') : t.rich('liveNow', { list: perRole(live) })}
        </p>
      )}
      <label className="mt-3 block text-xs font-medium text-slate-800 dark:text-slate-200">
        {t('reason')}
        <textarea value={reason} readOnly={step !== 'reason'} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={1000} rows={2} className="mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-500 dark:bg-slate-900" />
      </label>
      {step === 'confirm' || step === 'busy' ? (
        <div className="mt-3 rounded border border-red-400 bg-white p-3 dark:border-red-700 dark:bg-slate-900" role="group" aria-label={t('confirmGroup')}>
          <p className="text-sm font-medium text-red-950 dark:text-red-100">
            {kind === 'person' ? t('confirmPerson', { subject }) : t('confirmRole', { subject })}
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button ref={confirmRef} type="submit" disabled={step === 'busy'} className="rounded-md bg-red-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-900 disabled:opacity-60">
              {step === 'busy' ? t('busy') : kind === 'person' ? t('yesPerson') : t('yesRole')}
            </button>
            <button type="button" disabled={step === 'busy'} onClick={() => setStep('reason')} className="rounded-md border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800">
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : step === 'reason' ? (
        <div className="mt-3">
          <button type="submit" className="rounded-md bg-red-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-900">
            {kind === 'person' ? t('startPerson') : t('startRole')}
          </button>
        </div>
      ) : null}
      {done && (
        <div ref={resultRef} tabIndex={-1} role="status" data-testid="revoke-result" className="mt-3 rounded bg-emerald-50 p-3 text-sm text-emerald-950 outline-none focus-visible:ring-2 focus-visible:ring-emerald-700 dark:bg-emerald-950 dark:text-emerald-50">
          {done.cutOff !== undefined ? (
            <p data-testid="revoke-cut-off">
              {done.cutOff.length === 0 ? t('cutOffNone') : t.rich('cutOff', { count: done.cutOff.reduce((n, c) => n + c.sessions, 0), list: perRole(done.cutOff) })}
              {done.sessionsEnded !== undefined && ` ${t('signInsEnded', { count: done.sessionsEnded })}`}
            </p>
          ) : (
            <p>{t('roleDenied', { roles: done.roleArns.map(roleName).join(', ') })}</p>
          )}
          <p className="mt-1">{t.rich('deniedBefore', { time: () => <EventTime iso={done.revokedBefore} /> })}</p>
          {done.failures.length > 0 && <p className="mt-1 text-red-900 dark:text-red-200">{t('notAppliedOn', { list: done.failures.map((f) => `${roleName(f.roleArn)} (${f.code})`).join(', ') })}</p>}
          <Link href="/revocations" className="mt-1 inline-block underline">
            {t('seeAll')}
          </Link>
        </div>
      )}
      {error && (
        <p ref={errorRef} tabIndex={-1} role="alert" data-testid="revoke-error" className="mt-2 text-sm text-red-900 outline-none dark:text-red-200">
          {error}
        </p>
      )}
    </form>
  );
}
