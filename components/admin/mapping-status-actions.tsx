'use client';
// Disable / enable / delete one mapping, each after showing whose access it removes or adds.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import type { AccessDiff } from '@/lib/mappings/diff-access';
import { AccessDiffView } from './access-diff-view';
import { adminApi, type ApiError } from './admin-api';

type Action = 'disable' | 'enable' | 'delete';

export function MappingStatusActions({ mappingId, enabled }: { mappingId: string; enabled: boolean }) {
  const router = useRouter();
  const t = useTranslations('mappings.status');
  const [pending, setPending] = useState<{ action: Action; impact: AccessDiff } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // The confirm step takes focus when it opens (it shows whose access changes).
  useEffect(() => {
    if (pending) confirmRef.current?.focus();
  }, [pending]);

  async function propose(action: Action) {
    setBusy(true);
    setError(null);
    const res = await adminApi<{ impact: AccessDiff }>('POST', '/api/admin/mappings/impact', { kind: action, id: mappingId });
    setBusy(false);
    if (res.ok) setPending({ action, impact: res.data.impact });
    else setError(res.error);
  }

  async function confirm() {
    if (!pending) return;
    setBusy(true);
    setError(null);
    const res =
      pending.action === 'delete'
        ? await adminApi('DELETE', `/api/admin/mappings/${mappingId}`)
        : await adminApi('PATCH', `/api/admin/mappings/${mappingId}`, { enabled: pending.action === 'enable' });
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    const deleted = pending.action === 'delete';
    setPending(null);
    if (deleted) router.push('/admin/mappings?deleted=1');
    else router.refresh();
  }

  return (
    <section className="rounded-lg border border-slate-300 bg-white p-4 dark:border-slate-700 dark:bg-slate-900" aria-label={t('label')}>
      <p className="text-sm">
        {t('status')}{' '}
        <strong data-testid="mapping-status" className={enabled ? 'text-green-900 dark:text-green-300' : 'text-slate-700 dark:text-slate-300'}>
          {enabled ? t('enabled') : t('disabled')}
        </strong>
      </p>
      <div className="mt-3 flex flex-wrap gap-3">
        <button type="button" disabled={busy} onClick={() => void propose(enabled ? 'disable' : 'enable')} className="rounded-md border border-slate-500 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60 dark:hover:bg-slate-800">
          {enabled ? t('disable') : t('enable')}
        </button>
        <button type="button" disabled={busy} onClick={() => void propose('delete')} className="rounded-md border border-red-400 px-3 py-1.5 text-sm text-red-900 hover:bg-red-50 disabled:opacity-60 dark:text-red-200 dark:hover:bg-red-950">
          {t('delete')}
        </button>
      </div>
      {pending && (
        <div className="mt-4 rounded border border-amber-400 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950" role="dialog" aria-label={t(`confirm${pending.action}`)}>
          <AccessDiffView diff={pending.impact} />
          <div className="mt-3 flex flex-wrap gap-3">
            <button ref={confirmRef} type="button" disabled={busy} onClick={() => void confirm()} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900">
              {t(`do${pending.action}`)}
            </button>
            <button type="button" onClick={() => setPending(null)} className="rounded-md border border-slate-500 px-3 py-1.5 text-sm">
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-800 dark:text-red-300">
          {error.message}
        </p>
      )}
    </section>
  );
}
