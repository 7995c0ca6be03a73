'use client';
// Revokes live sessions — of one person, or of one role — after the reviewer gives a reason.
import Link from 'next/link';
import { useState } from 'react';
import { postJson } from './post-json';

export type RevokeTarget = { kind: 'person'; personSub: string; label: string } | { kind: 'role'; roleArn: string; label: string };

export function RevokeSessionsForm({ target, roleChoices }: { target: RevokeTarget | null; roleChoices?: string[] }) {
  const [reason, setReason] = useState('');
  const [roleArn, setRoleArn] = useState(target?.kind === 'role' ? target.roleArn : (roleChoices?.[0] ?? ''));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const kind = target?.kind ?? 'role';
  const title = kind === 'person' ? 'Revoke this person’s sessions' : target ? 'Revoke active sessions of this role' : 'Revoke active sessions of a role';
  const explain =
    kind === 'person'
      ? 'Denies everything to every session Keyport issued to this person before now, on every role they hold live credentials for. Their colleagues are not affected; credentials they get afterwards work.'
      : 'Denies everything to every session of this role issued before now, whoever holds it. New sessions work at once.';

  async function submit() {
    setBusy(true);
    setError(null);
    const body = target?.kind === 'person' ? { kind: 'person', personSub: target.personSub, reason } : { kind: 'role', roleArn, reason };
    const r = await postJson<{ revocation: { id: string; roleArns: string[]; revokedBefore: string } }>('/api/revocations', body);
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setDone(`Revoked sessions issued before ${r.data.revocation.revokedBefore} on ${r.data.revocation.roleArns.join(', ')}.`);
  }

  return (
    <form
      className="rounded-lg border border-red-200 bg-red-50/40 p-4"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 className="font-semibold text-red-900">{title}</h3>
      <p className="mt-1 text-sm text-slate-700">{explain}</p>
      {target ? (
        <p className="mt-2 break-all font-mono text-xs text-slate-800">{target.label}</p>
      ) : (
        <label className="mt-2 block text-xs font-medium text-slate-700">
          Role
          <select value={roleArn} onChange={(e) => setRoleArn(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 font-mono text-xs">
            {(roleChoices ?? []).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="mt-3 block text-xs font-medium text-slate-700">
        Reason (required; recorded in the audit)
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={1000} rows={2} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
      </label>
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" disabled={busy || done !== null} className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-50">
          {busy ? 'Revoking…' : kind === 'person' ? 'Revoke person’s sessions' : 'Revoke role’s sessions'}
        </button>
        {done && (
          <span role="status" data-testid="revoke-result" className="text-sm text-emerald-900">
            {done}{' '}
            <Link href="/revocations" className="underline">
              See revocations
            </Link>
          </span>
        )}
        {error && (
          <span role="alert" data-testid="revoke-error" className="text-sm text-red-800">
            {error}
          </span>
        )}
      </div>
    </form>
  );
}
