'use client';
// "Test this mapping": asks AWS, through Keyport, whether the role trusts what Keyport would send
// (POST /api/admin/mappings/:id/test; lib/mappings/dry-run-policy.ts says how nothing usable is
// issued). The answer takes focus when it arrives.
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { MappingTestResult } from '@/lib/mappings/test-mapping';
import { adminApi } from './admin-api';

const data = (chunks: ReactNode) => <span translate="no" className="break-all font-mono text-xs">{chunks}</span>;
const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

export function TestMappingButton({ mappingId }: { mappingId: string }) {
  const t = useTranslations('mappings.test');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<MappingTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result || error) box.current?.focus();
  }, [result, error]);

  async function run() {
    setBusy(true);
    setError(null);
    setResult(null);
    const res = await adminApi<{ result: MappingTestResult }>('POST', `/api/admin/mappings/${mappingId}/test`, {});
    setBusy(false);
    if (res.ok) setResult(res.data.result);
    else setError(res.error.message);
  }

  const tone =
    result?.outcome === 'trusted'
      ? 'border-emerald-400 bg-emerald-50 text-emerald-950 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-50'
      : result?.outcome === 'refused' || error
        ? 'border-red-300 bg-red-50 text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-50'
        : 'border-slate-300 bg-slate-50 text-slate-900 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100';
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={() => void run()} disabled={busy} className="rounded-md border border-slate-500 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:bg-slate-900 dark:hover:bg-slate-800">
          {busy ? t('busy') : t('button')}
        </button>
        <span className="text-xs text-slate-700 dark:text-slate-300">{t('explain')}</span>
      </div>
      {(result || error) && (
        <div ref={box} tabIndex={-1} role="status" data-testid="test-result" data-outcome={result?.outcome ?? 'error'} className={`rounded border p-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-slate-600 ${tone}`}>
          {error && <p>{error}</p>}
          {result?.outcome === 'trusted' && (
            <>
              <p>{t.rich('trusted', { strong, data, mode: result.mode, arn: result.assumedRoleArn })}</p>
              {result.stsRequestId && <p className="mt-1 text-xs">{t.rich('stsRequest', { data, id: result.stsRequestId })}</p>}
            </>
          )}
          {result?.outcome === 'refused' && (
            <>
              <p>{t.rich('refused', { strong, data, code: result.code, message: result.message })}</p>
              {result.stsRequestId && <p className="mt-1 text-xs">{t.rich('stsRequest', { data, id: result.stsRequestId })}</p>}
            </>
          )}
          {result?.outcome === 'not_tested' && <p>{result.message}</p>}
        </div>
      )}
    </div>
  );
}
