'use client';
// Disable / enable / delete one mapping, each after showing whose access it removes or adds.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { AccessDiff } from '@/lib/mappings/diff-access';
import { AccessDiffView } from './access-diff-view';
import { adminApi, type ApiError } from './admin-api';

type Action = 'disable' | 'enable' | 'delete';

export function MappingStatusActions({ mappingId, enabled }: { mappingId: string; enabled: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState<{ action: Action; impact: AccessDiff } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

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

  const verb = { disable: 'Disable', enable: 'Enable', delete: 'Delete' } as const;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label="Status">
      <p className="text-sm">
        Status:{' '}
        <strong data-testid="mapping-status" className={enabled ? 'text-green-800' : 'text-slate-600'}>
          {enabled ? 'Enabled' : 'Disabled'}
        </strong>
      </p>
      <div className="mt-3 flex gap-3">
        <button type="button" disabled={busy} onClick={() => void propose(enabled ? 'disable' : 'enable')} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60">
          {enabled ? 'Disable…' : 'Enable…'}
        </button>
        <button type="button" disabled={busy} onClick={() => void propose('delete')} className="rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50 disabled:opacity-60">
          Delete…
        </button>
      </div>
      {pending && (
        <div className="mt-4 rounded border border-amber-300 bg-amber-50 p-3" role="dialog" aria-label={`Confirm ${pending.action}`}>
          <AccessDiffView diff={pending.impact} />
          <div className="mt-3 flex gap-3">
            <button type="button" disabled={busy} onClick={() => void confirm()} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
              {verb[pending.action]} this mapping
            </button>
            <button type="button" onClick={() => setPending(null)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-800">
          {error.message}
        </p>
      )}
    </section>
  );
}
