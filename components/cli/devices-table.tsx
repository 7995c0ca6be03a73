'use client';
// The Your devices table with a Revoke button per active CLI sign-in (DELETE, session cookie and
// Origin check). Times in UTC.
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { CliDevice } from '@/lib/cli-auth/list-cli-tokens';
import { useTranslations } from 'next-intl';

const utc = (iso: string) => `${iso.replace('T', ' ').slice(0, 16)} UTC`;
const REASONS = ['logout', 'device_revoked', 'person_revoked', 'refresh_reuse', 'session_ended', 'expired'];

export function DevicesTable({ devices }: { devices: CliDevice[] }) {
  // Enabled once hydrated: a click before that would do nothing.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const t = useTranslations('cli.devices');
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
        setError(body?.error?.message ?? t('unexpected', { status: res.status }));
      }
    } catch {
      setError(t('network'));
    }
    setBusy(null);
    router.refresh();
  }
  if (devices.length === 0) return <p className="mt-4 text-sm text-slate-700 dark:text-slate-300" data-testid="no-devices">{t.rich('none', { c: (x) => <code translate="no">{x}</code> })}</p>;
  return (
    <div className="mt-4 overflow-x-auto" tabIndex={0}>
      {error && (
        <p role="alert" className="mb-3 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {error}
        </p>
      )}
      <table className="w-full text-left text-sm" data-testid="devices-table">
        <thead className="border-b border-slate-300 text-slate-700 dark:border-slate-700 dark:text-slate-300">
          <tr>
            <th className="py-2 pr-4 font-medium">{t('client')}</th>
            <th className="py-2 pr-4 font-medium">{t('signedIn')}</th>
            <th className="py-2 pr-4 font-medium">{t('from')}</th>
            <th className="py-2 pr-4 font-medium">{t('lastUsed')}</th>
            <th className="py-2 pr-4 font-medium">{t('ends')}</th>
            <th className="py-2 pr-4 font-medium">{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => (
            <tr key={d.id} className="border-b border-slate-100 align-top" data-testid="device-row" data-device-id={d.id}>
              <td className="py-2 pr-4">
                <span translate="no">{d.clientName}</span>
                <div className="text-xs text-slate-700 dark:text-slate-300">{d.grantType === 'device_code' || d.grantType === 'authorization_code' ? t(`grant.${d.grantType}`) : d.grantType}</div>
              </td>
              <td className="py-2 pr-4" translate="no">{utc(d.createdAt)}</td>
              <td className="py-2 pr-4 font-mono text-xs" translate="no">{d.createdIp ?? ''}</td>
              <td className="py-2 pr-4" translate="no">{utc(d.lastUsedAt)}</td>
              <td className="py-2 pr-4" translate="no">{utc(d.endsAt)}</td>
              <td className="py-2 pr-4">
                {d.active ? (
                  <button type="button" disabled={!hydrated || busy === d.id} onClick={() => void revoke(d.id)} className="rounded border border-red-400 px-3 py-1 text-red-800 hover:bg-red-50 disabled:opacity-50 dark:border-red-700 dark:text-red-200 dark:hover:bg-red-950">
                    {busy === d.id ? t('revoking') : t('revoke')}
                  </button>
                ) : (
                  <span className="text-slate-700 dark:text-slate-300">{t(`reasons.${REASONS.includes(d.revokedReason ?? '') ? (d.revokedReason as string) : 'expired'}`)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
