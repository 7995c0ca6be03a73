'use client';
// Duration and region for one role, then the credentials. Every limit shown here is enforced
// again on the server; this form only helps the person choose well.
import { useEffect, useState } from 'react';
import { CredentialsView, type IssuedView } from './credentials-view';

const PRESETS = [
  { label: '15 min', seconds: 900 },
  { label: '1 h', seconds: 3600 },
  { label: '4 h', seconds: 14400 },
  { label: '12 h', seconds: 43200 },
];

export interface RequestRole {
  mappingId: string;
  roleLabel: string;
  maxDurationSeconds: number;
  allowedRegions: string[];
  defaultRegion: string;
}

interface ApiError {
  code: string;
  message: string;
  requestId: string;
  fields?: Record<string, string>;
  detail?: { reauth?: boolean; reason?: string };
}

export function RequestCredentials({
  role,
  initialDuration,
  initialRegion,
  via = 'oidc',
  samlResult = false,
  samlError = null,
}: {
  role: RequestRole;
  initialDuration: number | null;
  initialRegion: string | null;
  /** 'saml': the request goes through the SAML IdP and comes back to this page with the result. */
  via?: 'oidc' | 'saml';
  samlResult?: boolean;
  samlError?: string | null;
}) {
  const presets = PRESETS.filter((p) => p.seconds <= role.maxDurationSeconds);
  const fallback = presets.find((p) => p.seconds === 3600)?.seconds ?? presets[presets.length - 1]?.seconds ?? 900;
  const start = initialDuration && initialDuration >= 900 && initialDuration <= role.maxDurationSeconds ? initialDuration : fallback;
  const [duration, setDuration] = useState(start);
  const [custom, setCustom] = useState(presets.some((p) => p.seconds === start) ? '' : String(Math.round(start / 60)));
  const [region, setRegion] = useState(initialRegion && role.allowedRegions.includes(initialRegion) ? initialRegion : role.defaultRegion);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(samlError ? { code: 'saml', message: samlError, requestId: '' } : null);
  const [notice, setNotice] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedView | null>(null);
  const [consoleBusy, setConsoleBusy] = useState(false);
  const [consoleError, setConsoleError] = useState<string | null>(null);

  // Back/Forward cache must not bring the secrets back.
  useEffect(() => {
    const drop = () => setIssued(null);
    window.addEventListener('pagehide', drop);
    return () => window.removeEventListener('pagehide', drop);
  }, []);

  // Back from the IdP: the ACS left the outcome for this session; fetch it once and drop the marker.
  useEffect(() => {
    if (!samlResult) return;
    window.history.replaceState(null, '', `/roles/${encodeURIComponent(role.mappingId)}`);
    setBusy(true);
    void fetch('/api/saml/result', { method: 'POST', cache: 'no-store', referrerPolicy: 'same-origin' })
      .then(async (res) => accept(res, (await res.json()) as { error?: ApiError } & Record<string, unknown>))
      .catch(() => setError({ code: 'network', message: 'Keyport could not be reached. Check your connection and try again.', requestId: '' }))
      .finally(() => setBusy(false));
    // Runs once per arrival; `accept` only sets state.
  }, [samlResult, role.mappingId]);

  function accept(res: Response, body: { error?: ApiError } & Record<string, unknown>): void {
    if (!res.ok || body.error) {
      const err = body.error ?? { code: 'internal', message: `Unexpected answer (HTTP ${res.status}).`, requestId: '' };
      if (res.status === 401 || err.detail?.reauth) {
        // Sign in again and come back to this exact request.
        const back = `/roles/${role.mappingId}?duration=${duration}&region=${encodeURIComponent(region)}&resumed=1`;
        // The sign-in page says why: expired, or the IdP renewed without a new ID token.
        const reason = err.detail?.reason === 'no_new_id_token' ? 'no_id_token' : 'expired';
        window.location.assign(`/signin?callbackUrl=${encodeURIComponent(back)}&reason=${reason}`);
        return;
      }
      setError(err);
      return;
    }
    if (typeof body.redirectUrl === 'string') {
      // SAML: off to the IdP, which answers at Keyport's ACS and brings the person back here.
      window.location.assign(body.redirectUrl);
      return;
    }
    const c = body.credentials as { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string };
    setNotice(typeof body.notice === 'string' ? body.notice : null);
    setIssued({
      credentials: { ...c, expiration: new Date(c.expiration) },
      assumedRoleArn: String(body.assumedRoleArn),
      sessionName: String(body.sessionName),
      roleLabel: String(body.roleLabel),
      roleArn: String(body.roleArn),
      accountLabel: String(body.accountLabel),
      accountId: String(body.accountId),
      region: String(body.region),
      requestId: String(body.requestId),
    });
  }

  const customMinutes = custom === '' ? null : Number(custom);
  const customInvalid = customMinutes !== null && (!Number.isInteger(customMinutes) || customMinutes * 60 < 900 || customMinutes * 60 > role.maxDurationSeconds);

  async function submit() {
    setBusy(true);
    setError(null);
    setIssued(null);
    setNotice(null);
    try {
      const res = await fetch(via === 'saml' ? '/api/saml/issue' : '/api/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mappingId: role.mappingId, durationSeconds: duration, region }),
        cache: 'no-store',
        // Our Referrer-Policy is no-referrer; this keeps the Origin header on our own POSTs.
        referrerPolicy: 'same-origin',
      });
      const body = (await res.json()) as { error?: ApiError } & Record<string, unknown>;
      accept(res, body);
    } catch {
      setError({ code: 'network', message: 'Keyport could not be reached. Check your connection and try again.', requestId: '' });
    } finally {
      setBusy(false);
    }
  }

  async function openConsole() {
    if (!issued) return;
    setConsoleBusy(true);
    setConsoleError(null);
    try {
      const { accessKeyId, secretAccessKey, sessionToken } = issued.credentials;
      const res = await fetch('/api/console', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accessKeyId, secretAccessKey, sessionToken }),
        cache: 'no-store',
        referrerPolicy: 'same-origin',
      });
      const body = (await res.json()) as { url?: string; error?: ApiError };
      if (body.url) window.open(body.url, '_blank', 'noopener,noreferrer');
      else setConsoleError(body.error?.message ?? 'The console sign-in failed.');
    } catch {
      setConsoleError('Keyport could not be reached.');
    } finally {
      setConsoleBusy(false);
    }
  }

  return (
    <div>
      <form
        className="mt-6 grid gap-5 rounded-lg border border-slate-200 bg-white p-6"
        onSubmit={(e) => {
          e.preventDefault();
          if (!customInvalid) void submit();
        }}
      >
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Duration</legend>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            {presets.map((p) => (
              <button
                key={p.seconds}
                type="button"
                aria-pressed={duration === p.seconds && custom === ''}
                onClick={() => {
                  setDuration(p.seconds);
                  setCustom('');
                }}
                className={`rounded-md border px-3 py-1.5 text-sm ${duration === p.seconds && custom === '' ? 'border-slate-900 bg-slate-900 text-white' : 'border-slate-300 hover:bg-slate-100'}`}
              >
                {p.label}
              </button>
            ))}
            <label className="ml-2 flex items-center gap-2 text-sm text-slate-700">
              Custom
              <input
                type="number"
                inputMode="numeric"
                min={15}
                max={role.maxDurationSeconds / 60}
                value={custom}
                aria-label="Custom duration in minutes"
                aria-invalid={customInvalid}
                onChange={(e) => {
                  setCustom(e.target.value);
                  const n = Number(e.target.value);
                  if (Number.isInteger(n) && n > 0) setDuration(n * 60);
                }}
                className="w-24 rounded border border-slate-300 px-2 py-1"
              />
              minutes
            </label>
          </div>
          <p className={`mt-1 text-xs ${customInvalid || error?.fields?.durationSeconds ? 'text-red-700' : 'text-slate-500'}`}>
            Between 15 and {role.maxDurationSeconds / 60} minutes for this role.
          </p>
        </fieldset>
        <div>
          <label htmlFor="region" className="text-sm font-medium text-slate-700">
            Region
          </label>
          <select id="region" value={region} onChange={(e) => setRegion(e.target.value)} className="ml-3 rounded border border-slate-300 px-2 py-1 text-sm">
            {role.allowedRegions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          {error?.fields?.region && <p className="mt-1 text-xs text-red-700">{error.fields.region}</p>}
        </div>
        <div>
          <button type="submit" disabled={busy || customInvalid} className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60">
            {busy ? (via === 'saml' ? 'Going to your IdP…' : 'Asking AWS…') : via === 'saml' ? 'Get credentials (via your SAML IdP)' : 'Get credentials'}
          </button>
        </div>
        {error && (
          <div role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="issue-error">
            <p>{error.message}</p>
            {error.requestId && <p className="mt-1 text-xs text-red-700">Request id {error.requestId}</p>}
          </div>
        )}
      </form>
      {issued && notice && (
        <p role="status" data-testid="issue-notice" className="mt-4 rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {notice}
        </p>
      )}
      {issued && (
        <CredentialsView
          issued={issued}
          onRenew={() => void submit()}
          onConsole={() => void openConsole()}
          consoleBusy={consoleBusy}
          consoleError={consoleError}
        />
      )}
    </div>
  );
}
