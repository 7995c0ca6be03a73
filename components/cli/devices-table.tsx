'use client';
// The Your devices table with a Revoke button per active CLI sign-in (DELETE, session cookie and
// Origin check). Times in UTC.
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { CliDevice } from '@/lib/cli-auth/list-cli-tokens';
import { devicesStrings as t } from './devices-strings';

const utc = (iso: string) => `${iso.replace('T', ' ').slice(0, 16)} UTC`;

export function DevicesTable({ devices }: { devices: CliDevice[] }) {
  // Enabled once hydrated: a click before that would do nothing.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function revoke(id: string) {
    setBusy(id);
    setError(null);
    try {
      const res = await fetch(`/api/cli/devices/${encodeURIComponent(id)}`, { method: 'DELETE', cache: 'no-store', referrerPolicy: 'same-origin' });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? `Unexpected answer (HTTP ${res.status}).`);
      }
    } catch {
      setError('Keyport could not be reached. Check your connection and try again.');
    }
    setBusy(null);
    router.refresh();
  }
  if (devices.length === 0) return <p className="mt-4 text-sm text-slate-600" data-testid="no-devices">{t.none}</p>;
  return (
    <div className="mt-4 overflow-x-auto">
      {error && (
        <p role="alert" className="mb-3 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {error}
        </p>
      )}
      <table className="w-full text-left text-sm" data-testid="devices-table">
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            <th className="py-2 pr-4 font-medium">{t.client}</th>
            <th className="py-2 pr-4 font-medium">{t.signedIn}</th>
            <th className="py-2 pr-4 font-medium">{t.from}</th>
            <th className="py-2 pr-4 font-medium">{t.lastUsed}</th>
            <th className="py-2 pr-4 font-medium">{t.ends}</th>
            <th className="py-2 pr-4 font-medium">{t.status}</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => (
            <tr key={d.id} className="border-b border-slate-100 align-top" data-testid="device-row" data-device-id={d.id}>
              <td className="py-2 pr-4">
                {d.clientName}
                <div className="text-xs text-slate-500">{t.grant[d.grantType] ?? d.grantType}</div>
              </td>
              <td className="py-2 pr-4">{utc(d.createdAt)}</td>
              <td className="py-2 pr-4 font-mono text-xs">{d.createdIp ?? ''}</td>
              <td className="py-2 pr-4">{utc(d.lastUsedAt)}</td>
              <td className="py-2 pr-4">{utc(d.endsAt)}</td>
              <td className="py-2 pr-4">
                {d.active ? (
                  <button type="button" disabled={!hydrated || busy === d.id} onClick={() => void revoke(d.id)} className="rounded border border-red-300 px-3 py-1 text-red-800 hover:bg-red-50 disabled:opacity-50">
                    {busy === d.id ? t.revoking : t.revoke}
                  </button>
                ) : (
                  <span className="text-slate-500">{t.reasons[d.revokedReason ?? 'expired'] ?? t.reasons.expired}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
