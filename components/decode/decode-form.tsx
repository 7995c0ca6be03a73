'use client';
// The Decode page's form and result: the pasted error and the account, then what AWS decided in
// words, the matched statements, and the raw decoded JSON behind a disclosure.
import { useState } from 'react';
import type { DecodeAccount } from '@/lib/decode/list-decode-accounts';
import type { DecodeResult } from '@/lib/decode/decode-authorization-message';
import { postJson } from '@/components/audit/post-json';
import { DECODE_STRINGS as T } from './decode-strings';

const input = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm';

export function DecodeForm({ accounts }: { accounts: DecodeAccount[] }) {
  const [message, setMessage] = useState('');
  const [accountId, setAccountId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string } | null>(null);
  const [result, setResult] = useState<DecodeResult | null>(null);

  async function decode() {
    setBusy(true);
    setError(null);
    setResult(null);
    const res = await postJson<{ result: DecodeResult }>('/api/decode', { message, ...(accountId ? { accountId } : {}) });
    setBusy(false);
    if (res.ok) setResult(res.data.result);
    else setError({ message: res.message });
  }

  const e = result?.explanation;
  return (
    <div className="mt-4 grid gap-6">
      <form
        className="grid gap-4 rounded-lg border border-slate-200 bg-white p-6"
        aria-label={T.title}
        onSubmit={(ev) => {
          ev.preventDefault();
          void decode();
        }}
      >
        <div>
          <label htmlFor="decode-message" className="block text-sm font-medium text-slate-700">
            {T.messageLabel}
          </label>
          <textarea id="decode-message" rows={6} className={`${input} font-mono text-xs`} value={message} onChange={(ev) => setMessage(ev.target.value)} aria-describedby="decode-message-hint" />
          <p id="decode-message-hint" className="mt-1 text-xs text-slate-500">
            {T.messageHint}
          </p>
        </div>
        <div>
          <label htmlFor="decode-account" className="block text-sm font-medium text-slate-700">
            {T.accountLabel}
          </label>
          <select id="decode-account" className={input} value={accountId} onChange={(ev) => setAccountId(ev.target.value)} aria-describedby="decode-account-hint">
            <option value="">{T.accountFromMessage}</option>
            {accounts.map((a) => (
              <option key={a.accountId} value={a.accountId}>
                {a.label} · {a.accountId}
              </option>
            ))}
          </select>
          <p id="decode-account-hint" className="mt-1 text-xs text-slate-500">
            {T.accountHint}
          </p>
        </div>
        <div>
          <button type="submit" disabled={busy || message.trim() === ''} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
            {busy ? T.busy : T.submit}
          </button>
        </div>
        {error && (
          <div role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="decode-error">
            <p>{error.message}</p>
          </div>
        )}
      </form>
      {result && e && (
        <section className="rounded-lg border border-slate-200 bg-white p-6" aria-label={T.resultTitle} data-testid="decode-result">
          <h2 className="font-semibold text-slate-900">{T.resultTitle}</h2>
          <p className={`mt-2 rounded p-3 text-sm ${e.explicitDeny ? 'bg-red-50 text-red-900' : 'bg-amber-50 text-amber-900'}`} data-testid="decode-verdict">
            {e.verdict}
          </p>
          {result.readAs === 'reviewer' && <p className="mt-2 text-xs text-slate-600">{T.readAsReviewer}</p>}
          <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">{T.principal}</dt>
            <dd className="break-all font-mono text-xs" data-testid="decode-principal">{e.principalArn}</dd>
            <dt className="text-slate-500">{T.action}</dt>
            <dd className="break-all font-mono text-xs" data-testid="decode-action">{e.action}</dd>
            <dt className="text-slate-500">{T.resource}</dt>
            <dd className="break-all font-mono text-xs" data-testid="decode-resource">{e.resource}</dd>
            <dt className="text-slate-500">{T.policyType}</dt>
            <dd data-testid="decode-policy-type">
              {e.policyType ?? T.policyTypeUnknown}{' '}
              {e.policyTypeSource && <span className="text-xs text-slate-500">{e.policyTypeSource === 'aws-text' ? T.policyTypeFromText : T.policyTypeFromStatement}</span>}
            </dd>
          </dl>
          <h3 className="mt-4 text-sm font-medium text-slate-700">{T.statements}</h3>
          {e.statements.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">{T.noStatements}</p>
          ) : (
            <ul className="mt-1 grid gap-2">
              {e.statements.map((s, i) => (
                <li key={`${s.statementId}-${i}`} className="rounded border border-slate-200 p-2 text-xs" data-testid="decode-statement">
                  <span className={`mr-2 rounded px-1.5 py-0.5 font-semibold ${s.effect === 'DENY' ? 'bg-red-100 text-red-900' : 'bg-emerald-100 text-emerald-900'}`}>{s.effect}</span>
                  <span className="font-mono">{s.statementId || '(no Sid)'}</span>
                  <span className="block break-all font-mono text-slate-600">
                    {s.actions.join(', ')} · {s.resources.join(', ')}
                    {s.conditions.length > 0 ? ` · ${s.conditions.join('; ')}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {e.context.length > 0 && (
            <>
              <h3 className="mt-4 text-sm font-medium text-slate-700">{T.context}</h3>
              <ul className="mt-1 grid gap-0.5 font-mono text-xs text-slate-700">
                {e.context.map((c) => (
                  <li key={c.key} className="break-all">
                    {c.key} = {c.values.join(', ')}
                  </li>
                ))}
              </ul>
            </>
          )}
          <details className="mt-4">
            <summary className="cursor-pointer text-sm text-blue-700">{T.raw}</summary>
            <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid="decode-raw">{result.rawJson}</pre>
          </details>
        </section>
      )}
    </div>
  );
}
