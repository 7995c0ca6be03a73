'use client';
// Lifts one revocation (its deny policy is removed from the roles), with a reason.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { postJson } from './post-json';

export function LiftRevocationForm({ revocationId }: { revocationId: string }) {
  const router = useRouter();
  const t = useTranslations('revocations.lift');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit() {
    setBusy(true);
    setError(null);
    const r = await postJson(`/api/revocations/${encodeURIComponent(revocationId)}/lift`, { reason });
    setBusy(false);
    if (!r.ok) setError(r.message);
    else router.refresh();
  }
  return (
    <form
      className="mt-3 flex flex-wrap items-end gap-2"
      aria-label={t('formLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="block min-w-0 flex-1 basis-48 text-xs font-medium text-slate-800 dark:text-slate-200">
        {t('reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={1000} className="mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-500 dark:bg-slate-900" />
      </label>
      <button type="submit" disabled={busy} className="rounded-md border border-slate-500 bg-white px-3 py-1.5 text-sm text-slate-900 hover:bg-slate-100 disabled:opacity-50 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800">
        {busy ? t('busy') : t('button')}
      </button>
      {error && (
        <span role="alert" className="w-full text-sm text-red-800 dark:text-red-300">
          {error}
        </span>
      )}
    </form>
  );
}
