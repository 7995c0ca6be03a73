'use client';
// The Decode page's form and result: the pasted error and the account, then what AWS decided in
// words, the matched statements, and the raw decoded JSON behind a disclosure. Words from the
// `decode` catalog; the API's refusals name their message there (`detail.decode`).
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { DecodeAccount } from '@/lib/decode/list-decode-accounts';
import type { DecodeResult } from '@/lib/decode/decode-authorization-message';
import type { PolicyType } from '@/lib/decode/read-denial-text';

const input = 'mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';
const POLICY_KEY: Record<PolicyType, string> = {
  'identity-based policy': 'identity',
  'resource-based policy': 'resource',
  'service control policy': 'scp',
  'resource control policy': 'rcp',
  'permissions boundary': 'boundary',
  'session policy': 'session',
  'VPC endpoint policy': 'vpcEndpoint',
};
const ERROR_KEYS = new Set(['noMessage', 'badAccount', 'noAccount', 'notConfigured', 'otherAccount', 'decoderFailed', 'unreadable', 'forbidden', 'recordingUnavailable']);

type Refusal = { key: string; values: Record<string, string | number> };

async function postDecode(body: unknown): Promise<{ ok: true; result: DecodeResult } | { ok: false; refusal: Refusal }> {
  try {
    const res = await fetch('/api/decode', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store', referrerPolicy: 'same-origin' });
    const json = (await res.json()) as { result?: DecodeResult; error?: { detail?: { decode?: string; accountId?: string; code?: string } } };
    if (res.ok && json.result) return { ok: true, result: json.result };
    const d = json.error?.detail;
    if (d?.decode && ERROR_KEYS.has(d.decode)) return { ok: false, refusal: { key: `errors.${d.decode}`, values: { accountId: d.accountId ?? '', code: d.code ?? '' } } };
    return { ok: false, refusal: { key: 'errors.other', values: { status: res.status } } };
  } catch {
    return { ok: false, refusal: { key: 'unreachable', values: {} } };
  }
}

export function DecodeForm({ accounts }: { accounts: DecodeAccount[] }) {
  const t = useTranslations('decode');
  const [message, setMessage] = useState('');
  const [accountId, setAccountId] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [result, setResult] = useState<DecodeResult | null>(null);

  async function decode() {
    setBusy(true);
    setRefusal(null);
    setResult(null);
    const res = await postDecode({ message, ...(accountId ? { accountId } : {}) });
    setBusy(false);
    if (res.ok) setResult(res.result);
    else setRefusal(res.refusal);
  }

  const e = result?.explanation;
  const type = e?.policyType ? t(`policyTypes.${POLICY_KEY[e.policyType]}` as never) : null;
  const verdict = !e ? '' : e.allowed ? t('verdict.allowed') : e.explicitDeny ? (type ? t('verdict.explicitDeny', { type }) : t('verdict.explicitDenyUnknown')) : type ? t('verdict.noAllow', { type }) : t('verdict.noAllowUnknown');
  return (
    <div className="mt-4 grid min-w-0 grid-cols-1 gap-6">
      <form
        className="grid min-w-0 gap-4 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-700 dark:bg-slate-900"
        aria-label={t('title')}
        onSubmit={(ev) => {
          ev.preventDefault();
          void decode();
        }}
      >
        <div>
          <label htmlFor="decode-message" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
            {t('messageLabel')}
          </label>
          <textarea id="decode-message" translate="no" rows={6} className={`${input} font-mono text-xs`} value={message} onChange={(ev) => setMessage(ev.target.value)} aria-describedby="decode-message-hint" />
          <p id="decode-message-hint" className="mt-1 text-xs text-slate-700 dark:text-slate-300">
            {t.rich('messageHint', { c: (c) => <code translate="no">{c}</code> })}
          </p>
        </div>
        <div>
          <label htmlFor="decode-account" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
            {t('accountLabel')}
          </label>
          <select id="decode-account" className={input} value={accountId} onChange={(ev) => setAccountId(ev.target.value)} aria-describedby="decode-account-hint">
            <option value="">{t('accountFromMessage')}</option>
            {accounts.map((a) => (
              <option key={a.accountId} value={a.accountId} translate="no">
                {a.label} · {a.accountId}
              </option>
            ))}
          </select>
          <p id="decode-account-hint" className="mt-1 text-xs text-slate-700 dark:text-slate-300">
            {t('accountHint')}
          </p>
        </div>
        <div>
          <button type="submit" data-testid="decode-submit" disabled={busy || message.trim() === ''} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60 dark:bg-white dark:text-slate-900">
            {busy ? t('busy') : t('submit')}
          </button>
        </div>
        {refusal && (
          <div role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100" data-testid="decode-error">
            <p>{t(refusal.key as never, refusal.values as never)}</p>
          </div>
        )}
      </form>
      {result && e && (
        <section className="min-w-0 rounded-lg border border-slate-200 bg-white p-6 [overflow-wrap:anywhere] dark:border-slate-700 dark:bg-slate-900" aria-label={t('resultTitle')} data-testid="decode-result">
          <h2 className="font-semibold text-slate-900 dark:text-white">{t('resultTitle')}</h2>
          <p className={`mt-2 rounded p-3 text-sm ${e.explicitDeny ? 'bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100' : 'bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100'}`} data-testid="decode-verdict">
            {verdict}
          </p>
          {result.readAs === 'reviewer' && <p className="mt-2 text-xs text-slate-700 dark:text-slate-300">{t('readAsReviewer')}</p>}
          <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-700 dark:text-slate-300">{t('principal')}</dt>
            <dd className="font-mono text-xs break-all" data-testid="decode-principal" translate="no">
              {e.principalArn}
            </dd>
            <dt className="text-slate-700 dark:text-slate-300">{t('action')}</dt>
            <dd className="font-mono text-xs break-all" data-testid="decode-action" translate="no">
              {e.action}
            </dd>
            <dt className="text-slate-700 dark:text-slate-300">{t('resource')}</dt>
            <dd className="font-mono text-xs break-all" data-testid="decode-resource" translate="no">
              {e.resource}
            </dd>
            <dt className="text-slate-700 dark:text-slate-300">{t('policyType')}</dt>
            <dd data-testid="decode-policy-type">
              {type ?? t('policyTypeUnknown')}{' '}
              {e.policyTypeSource && <span className="text-xs text-slate-700 dark:text-slate-300">{e.policyTypeSource === 'aws-text' ? t('policyTypeFromText') : t('policyTypeFromStatement')}</span>}
            </dd>
          </dl>
          <h3 className="mt-4 text-sm font-medium text-slate-800 dark:text-slate-200">{t('statements')}</h3>
          {e.statements.length === 0 ? (
            <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t('noStatements')}</p>
          ) : (
            <ul className="mt-1 grid gap-2">
              {e.statements.map((s, i) => (
                <li key={`${s.statementId}-${i}`} className="rounded border border-slate-200 p-2 text-xs dark:border-slate-700" data-testid="decode-statement">
                  <span className={`mr-2 rounded px-1.5 py-0.5 font-semibold ${s.effect === 'DENY' ? 'bg-red-100 text-red-900' : 'bg-emerald-100 text-emerald-900'}`}>{s.effect === 'DENY' ? t('deny') : t('allow')}</span>
                  <span className="font-mono" translate="no">
                    {s.statementId || t('noSid')}
                  </span>
                  <span className="block font-mono break-all text-slate-700 dark:text-slate-300" translate="no">
                    {s.actions.join(', ')} · {s.resources.join(', ')}
                    {s.conditions.length > 0 ? ` · ${s.conditions.join('; ')}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {e.context.length > 0 && (
            <>
              <h3 className="mt-4 text-sm font-medium text-slate-800 dark:text-slate-200">{t('context')}</h3>
              <ul className="mt-1 grid gap-0.5 font-mono text-xs text-slate-800 dark:text-slate-200" translate="no">
                {e.context.map((c) => (
                  <li key={c.key} className="break-all">
                    {c.key} = {c.values.join(', ')}
                  </li>
                ))}
              </ul>
            </>
          )}
          <details className="mt-4">
            <summary className="cursor-pointer text-sm text-blue-800 dark:text-sky-300">{t('raw')}</summary>
            <pre className="mt-2 max-w-full overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid="decode-raw" tabIndex={0}>
              {result.rawJson}
            </pre>
          </details>
        </section>
      )}
    </div>
  );
}
