'use client';
// The device approval form: type the code → see the request (code, address, program) → approve or
// decline. Every answer goes through the browser-only API (session cookie, Origin check).
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { postJson } from '@/components/audit/post-json';

interface Pending {
  userCode: string;
  clientName: string;
  requesterIp: string | null;
  requesterUserAgent: string | null;
  requestedAt: string;
  expiresAt: string;
}

export function DeviceApproval() {
  const t = useTranslations('cli.device');
  // Enabled once hydrated: a click before that would do nothing.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [code, setCode] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<'approved' | 'denied' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function lookUp(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await postJson<Pending>('/api/cli/device/lookup', { userCode: code });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    setPending(res.data);
  }
  async function decide(approve: boolean) {
    if (!pending) return;
    setBusy(true);
    setError(null);
    const res = await postJson<{ approved: boolean }>('/api/cli/device/decision', { userCode: pending.userCode, approve });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    setDone(res.data.approved ? 'approved' : 'denied');
  }

  if (done) {
    return (
      <p role="status" data-testid="device-result" className={`mt-4 rounded border p-3 text-sm ${done === 'approved' ? 'border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100' : 'border-slate-300 bg-slate-50 dark:border-slate-700 dark:bg-slate-800'}`}>
        {done === 'approved' ? t('approved') : t('denied')}
      </p>
    );
  }
  return (
    <div className="mt-4">
      {!pending ? (
        <form onSubmit={(e) => void lookUp(e)} className="flex flex-wrap items-end gap-3">
          <label className="grid gap-1 text-sm">
            <span>{t('codeLabel')}</span>
            <input
              value={code}
              onChange={(e) => setCode(e.target.value)}
              disabled={!hydrated}
              translate="no"
              autoComplete="off"
              spellCheck={false}
              maxLength={32}
              placeholder="XXXX-XXXX"
              className="rounded border border-slate-400 bg-white px-3 py-2 font-mono text-lg tracking-widest uppercase dark:border-slate-600 dark:bg-slate-800"
            />
          </label>
          <button type="submit" disabled={!hydrated || busy || code.trim() === ''} className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50">
            {t('lookUp')}
          </button>
        </form>
      ) : (
        <div data-testid="device-request">
          <h2 className="text-lg font-semibold">{t('confirmTitle')}</h2>
          <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-700 dark:text-slate-300">{t('code')}</dt>
            <dd className="font-mono text-lg tracking-widest" data-testid="device-user-code" translate="no">{pending.userCode}</dd>
            <dt className="text-slate-700 dark:text-slate-300">{t('requestedFrom')}</dt>
            <dd className="font-mono" data-testid="device-requester-ip" translate="no">{pending.requesterIp ?? t('unknown')}</dd>
            <dt className="text-slate-700 dark:text-slate-300">{t('userAgent')}</dt>
            <dd className="break-all font-mono text-xs" data-testid="device-requester-agent" translate="no">{pending.requesterUserAgent ?? t('unknown')}</dd>
            <dt className="text-slate-700 dark:text-slate-300">{t('client')}</dt>
            <dd translate="no" className="min-w-0 break-words">{pending.clientName}</dd>
            <dt className="text-slate-700 dark:text-slate-300">{t('requestedAt')}</dt>
            <dd translate="no">{new Date(pending.requestedAt).toISOString().replace('T', ' ').slice(0, 19)} UTC</dd>
          </dl>
          <p className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">{t('confirmHint')}</p>
          <div className="mt-3 flex gap-3">
            <button type="button" disabled={!hydrated || busy} onClick={() => void decide(true)} className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50">
              {t('approve')}
            </button>
            <button type="button" disabled={!hydrated || busy} onClick={() => void decide(false)} className="rounded border border-slate-400 px-4 py-2 text-sm text-slate-800 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800">
              {t('deny')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-3 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {error}
        </p>
      )}
    </div>
  );
}
