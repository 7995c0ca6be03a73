'use client';
// Approve / decline on /cli/authorize: the answer is POSTed (session cookie, Origin check), then
// the browser goes to the loopback URL Keyport answered (with the one-time code, or access_denied).
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { postJson } from '@/components/audit/post-json';

export interface AuthorizeRequest {
  response_type: 'code';
  client_id: 'keyport-cli';
  redirect_uri: string;
  code_challenge: string;
  code_challenge_method: 'S256';
  state: string;
  client_name?: string | undefined;
}

export function AuthorizeDecision({ request }: { request: AuthorizeRequest }) {
  // Enabled once hydrated: a click before that would do nothing.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const t = useTranslations('cli.authorize');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function answer(approve: boolean) {
    setBusy(true);
    setError(null);
    const res = await postJson<{ redirectTo: string }>('/api/cli/authorize', { ...request, approve });
    if (!res.ok) {
      setBusy(false);
      setError(res.message);
      return;
    }
    window.location.assign(res.data.redirectTo);
  }
  return (
    <div className="mt-4">
      <div className="flex gap-3">
        <button type="button" disabled={!hydrated || busy} onClick={() => void answer(true)} className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50">
          {t('approve')}
        </button>
        <button type="button" disabled={!hydrated || busy} onClick={() => void answer(false)} className="rounded border border-slate-400 px-4 py-2 text-sm text-slate-800 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800">
          {t('deny')}
        </button>
      </div>
      {busy && <p className="mt-2 text-sm text-slate-700 dark:text-slate-300" role="status">{t('working')}</p>}
      {error && (
        <p role="alert" className="mt-2 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {error}
        </p>
      )}
    </div>
  );
}
