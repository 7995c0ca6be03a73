'use client';
// "Verify integrity": walks the audit hash chain on the server and shows the verdict.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { AuditChainReport } from '@/lib/audit/verify-audit-chain';
import { postJson } from './post-json';

export function VerifyIntegrity() {
  const t = useTranslations('audit.verify');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<AuditChainReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function verify() {
    setBusy(true);
    setError(null);
    const r = await postJson<AuditChainReport>('/api/audit/verify', {});
    if (r.ok) setReport(r.data);
    else setError(r.message);
    setBusy(false);
  }
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button type="button" onClick={() => void verify()} disabled={busy} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800">
        {busy ? t('busy') : t('button')}
      </button>
      {report && (
        <span data-testid="verify-result" role="status" className={`rounded px-2 py-1 text-sm ${report.ok ? 'bg-emerald-50 text-emerald-900' : 'bg-red-50 font-semibold text-red-900'}`}>
          {report.ok
            ? `${t('intact', { checked: report.checked })}${report.checkpoints.matched > 0 ? ` ${t('checkpoints', { matched: report.checkpoints.matched })}` : ''}`
            : t('tampered', { why: report.firstBroken?.message ?? t('broken') })}
        </span>
      )}
      {error && (
        <span role="alert" className="text-sm text-red-800">
          {error}
        </span>
      )}
    </div>
  );
}
