'use client';
// Import a mappings file: validate every row and show the changes, then apply them all at once.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { ImportSummary } from '@/lib/mappings/import-mappings';
import { AccessDiffView } from './access-diff-view';
import { adminApi, type ApiError } from './admin-api';

interface RowError {
  row: number;
  idpGroup: string | null;
  roleArn: string | null;
  fields: Record<string, string>;
}

export function ImportPanel() {
  const router = useRouter();
  const t = useTranslations('mappings.importer');
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // After the server refused rows of lookalike groups: the admin may confirm them for this text.
  const [lookalikeAsked, setLookalikeAsked] = useState(false);
  const [confirmLookalikes, setConfirmLookalikes] = useState(false);
  const resetLookalikes = () => {
    setLookalikeAsked(false);
    setConfirmLookalikes(false);
  };

  async function send(apply: boolean) {
    setError(null);
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      setError({ code: 'invalid_input', message: t('notJson'), requestId: '' });
      setSummary(null);
      return;
    }
    setBusy(true);
    const confirm = lookalikeAsked && confirmLookalikes ? { confirmLookalikeGroups: true } : {};
    const res = await adminApi<{ summary: ImportSummary }>('POST', '/api/admin/mappings/import', { document, mode, apply, expectedDigest: apply ? summary?.digest : undefined, ...confirm });
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      setSummary(null);
      if (res.error.detail?.lookalikeGroups === true) setLookalikeAsked(true);
      return;
    }
    setSummary(res.data.summary);
    if (apply) router.refresh();
  }

  const rows = (error?.detail?.rows ?? []) as RowError[];
  const changes = summary ? summary.create.length + summary.update.length + summary.delete.length : 0;
  return (
    <div className="grid gap-4">
      <div className="grid gap-4 rounded-lg border border-slate-300 bg-white p-4 sm:p-6 dark:border-slate-700 dark:bg-slate-900">
        <div>
          <label htmlFor="importFile" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
            {t('load')}
          </label>
          <input
            id="importFile"
            type="file"
            accept="application/json,.json"
            className="mt-1 text-sm"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then((t) => {
                setText(t);
                setSummary(null);
                resetLookalikes();
              });
            }}
          />
        </div>
        <div>
          <label htmlFor="importText" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
            {t('text')}
          </label>
          <textarea
            id="importText"
            rows={12}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setSummary(null);
              resetLookalikes();
            }}
            className="mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono dark:border-slate-500 dark:bg-slate-900 text-xs"
          />
        </div>
        <fieldset className="text-sm">
          <legend className="font-medium text-slate-800 dark:text-slate-200">{t('notInFile')}</legend>
          <label className="mr-4">
            <input type="radio" name="mode" checked={mode === 'merge'} onChange={() => { setMode('merge'); setSummary(null); }} /> {t('keep')}
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'replace'} onChange={() => { setMode('replace'); setSummary(null); }} /> {t('delete')}
          </label>
        </fieldset>
        {lookalikeAsked && (
          <label className="flex items-start gap-2 rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
            <input type="checkbox" className="mt-0.5" checked={confirmLookalikes} onChange={(e) => setConfirmLookalikes(e.target.checked)} />
            <span>{t('lookalikeConfirm')}</span>
          </label>
        )}
        <div>
          <button type="button" disabled={busy || !text.trim()} onClick={() => void send(false)} className="rounded-md border border-slate-500 px-4 py-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:hover:bg-slate-800">
            {t('preview')}
          </button>
        </div>
        {error && (
          <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-100" data-testid="import-error">
            <p>{error.message}</p>
            {rows.length > 0 && (
              <ul className="mt-2 list-disc pl-5">
                {rows.map((r) => (
                  <li key={r.row}>
                    {t('row', { row: r.row })}
                    {r.idpGroup || r.roleArn ? ` (${r.idpGroup ?? '?'} → ${r.roleArn ?? '?'})` : ''}:{' '}
                    {Object.entries(r.fields).map(([k, m]) => `${k}: ${m}`).join('; ')}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      {summary && (
        <section className="rounded-lg border border-slate-300 bg-white p-4 sm:p-6 dark:border-slate-700 dark:bg-slate-900" aria-label={t('changes')} data-testid="import-summary">
          <h2 className="font-semibold">
            {summary.applied ? t('applied', { count: changes }) : t('planned', { count: changes, unchanged: summary.unchanged })}
          </h2>
          <ul className="mt-2 grid gap-1 break-all font-mono text-xs">
            {summary.create.map((m) => (
              <li key={`c${m.idpGroup}${m.roleArn}`} className="text-green-900 dark:text-green-300">{t('create')} <span translate="no">{m.idpGroup} → {m.roleArn}</span></li>
            ))}
            {summary.update.map((u) => (
              <li key={`u${u.id}`} className="text-amber-900 dark:text-amber-300">{t('update')} <span translate="no">{u.after.idpGroup} → {u.after.roleArn} ({u.changedFields.join(', ')})</span></li>
            ))}
            {summary.delete.map((d) => (
              <li key={`d${d.id}`} className="text-red-900 dark:text-red-300">{t('remove')} <span translate="no">{d.idpGroup} → {d.roleArn}</span></li>
            ))}
          </ul>
          {summary.lookalikeGroups.length > 0 && (
            <ul className="mt-2 grid gap-1 text-xs text-amber-900 dark:text-amber-200" data-testid="import-lookalikes">
              {summary.lookalikeGroups.map((l) => (
                <li key={`l${l.row}`}>{t.rich('lookalikeRow', { row: l.row, group: l.idpGroup, role: l.roleArn, warning: l.warning, data: (c) => <span translate="no">{c}</span> })}</li>
              ))}
            </ul>
          )}
          <div className="mt-4">
            <AccessDiffView diff={summary.access} />
          </div>
          {!summary.applied && changes > 0 && (
            <button type="button" disabled={busy} onClick={() => void send(true)} className="mt-4 rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
              {t('apply', { count: changes })}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
