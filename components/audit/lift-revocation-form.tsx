'use client';
// Lifts one revocation (its deny policy is removed from the roles), with a reason.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { postJson } from './post-json';

export function LiftRevocationForm({ revocationId }: { revocationId: string }) {
  const router = useRouter();
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
      aria-label="Lift this revocation"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="block flex-1 text-xs font-medium text-slate-700">
        Reason for lifting
        <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={1000} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
      </label>
      <button type="submit" disabled={busy} className="rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100 disabled:opacity-50">
        {busy ? 'Lifting…' : 'Lift revocation'}
      </button>
      {error && (
        <span role="alert" className="w-full text-sm text-red-800">
          {error}
        </span>
      )}
    </form>
  );
}
