'use client';
// Duration and region for one role, then the credentials. Every limit shown here is enforced
// again on the server; this form only helps the person choose well. Once credentials arrive the
// form folds away, focus moves to the credentials' heading (a screen reader reads it, and a live
// region says they are ready), and the page scrolls them into view.
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { CredentialOutputId } from '@/lib/credentials/credential-outputs';
import type { Explanation } from '@/lib/i18n/explanation';
import { supportContactFor } from '@/lib/config/default-support-contact';
import { CredentialsView, type IssuedView } from './credentials-view';
import { formatDuration } from './i18n/format-duration';

const PRESETS = [900, 3600, 14400, 43200];

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
  explain?: Explanation;
}

export function RequestCredentials({
  role,
  initialDuration,
  initialRegion,
  initialFormat = null,
  initialProfileName = null,
  defaultProfileName,
  autoIssue = false,
  via = 'oidc',
  samlResult = false,
  samlError = null,
}: {
  role: RequestRole;
  initialDuration: number | null;
  initialRegion: string | null;
  initialFormat?: CredentialOutputId | null;
  initialProfileName?: string | null;
  defaultProfileName: string;
  /** Issue at once with the initial choice (the catalog's "Again" button). */
  autoIssue?: boolean;
  /** 'saml': the request goes through the SAML IdP and comes back to this page with the result. */
  via?: 'oidc' | 'saml';
  samlResult?: boolean;
  /** Already worded by the page, in the reader's language. */
  samlError?: string | null;
}) {
  const t = useTranslations('credentials');
  const explain = useTranslations('explain');
  const common = useTranslations('common');
  const presets = PRESETS.filter((s) => s <= role.maxDurationSeconds);
  const fallback = presets.find((s) => s === 3600) ?? presets[presets.length - 1] ?? 900;
  const start = initialDuration && initialDuration >= 900 && initialDuration <= role.maxDurationSeconds ? initialDuration : fallback;
  const [duration, setDuration] = useState(start);
  const [custom, setCustom] = useState(presets.includes(start) ? '' : String(Math.round(start / 60)));
  const [region, setRegion] = useState(initialRegion && role.allowedRegions.includes(initialRegion) ? initialRegion : role.defaultRegion);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedView | null>(null);
  const [showForm, setShowForm] = useState(true);
  const [announce, setAnnounce] = useState<ReactNode>(null);
  const [consoleBusy, setConsoleBusy] = useState(false);
  const [consoleError, setConsoleError] = useState<string | null>(null);
  const credentialsHeading = useRef<HTMLHeadingElement>(null);
  const errorBox = useRef<HTMLDivElement>(null);
  const formHeading = useRef<HTMLLegendElement>(null);
  const focusIssued = useRef(false);

  // Back/Forward cache must not bring the secrets back.
  useEffect(() => {
    const drop = () => setIssued(null);
    window.addEventListener('pagehide', drop);
    return () => window.removeEventListener('pagehide', drop);
  }, []);

  // Focus follows the outcome of every request: the credentials, or the error.
  useEffect(() => {
    if (!focusIssued.current) return;
    focusIssued.current = false;
    const target = issued ? credentialsHeading.current : error ? errorBox.current : null;
    if (!target) return;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'start', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }, [issued, error]);

  const errorText = (e: ApiError) => {
    // An explanation this page was not given the words for reads as the API's English message.
    if (!e.explain || !explain.has(e.explain.key as never)) return e.message;
    const values = { ...(e.explain.values ?? {}) };
    if (typeof values.contact === 'string') values.contact = supportContactFor(values.contact, common('defaultSupportContact'));
    return explain(e.explain.key as never, values as never);
  };

  const accept = useCallback(
    (res: Response, body: { error?: ApiError } & Record<string, unknown>, chosen: { duration: number; region: string }): void => {
      if (!res.ok || body.error) {
        const err = body.error ?? { code: 'internal', message: t('unexpected', { status: res.status }), requestId: '' };
        if (res.status === 401 || err.detail?.reauth) {
          // Sign in again and come back to this exact request.
          const back = `/roles/${role.mappingId}?duration=${chosen.duration}&region=${encodeURIComponent(chosen.region)}&resumed=1`;
          // The sign-in page says why: expired, or the IdP renewed without a new ID token.
          const reason = err.detail?.reason === 'no_new_id_token' ? 'no_id_token' : 'expired';
          window.location.assign(`/signin?callbackUrl=${encodeURIComponent(back)}&reason=${reason}`);
          return;
        }
        focusIssued.current = true;
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
      focusIssued.current = true;
      setShowForm(false);
      setIssued({
        credentials: { ...c, expiration: new Date(c.expiration) },
        mappingId: role.mappingId,
        assumedRoleArn: String(body.assumedRoleArn),
        sessionName: String(body.sessionName),
        roleLabel: String(body.roleLabel),
        roleArn: String(body.roleArn),
        accountLabel: String(body.accountLabel),
        accountId: String(body.accountId),
        region: String(body.region),
        requestId: String(body.requestId),
      });
      setAnnounce(t.rich('announce', { role: String(body.roleLabel), remaining: formatDuration(common, Number(body.durationSeconds) || chosen.duration), r: (x) => <span translate="no">{x}</span> }));
    },
    [role.mappingId, t, common],
  );

  // Back from the IdP: the ACS left the outcome for this session; fetch it once and drop the marker.
  useEffect(() => {
    if (!samlResult) return;
    window.history.replaceState(null, '', `/roles/${encodeURIComponent(role.mappingId)}`);
    setBusy(true);
    void fetch('/api/saml/result', { method: 'POST', cache: 'no-store', referrerPolicy: 'same-origin' })
      .then(async (res) => accept(res, (await res.json()) as { error?: ApiError } & Record<string, unknown>, { duration, region }))
      .catch(() => setError({ code: 'network', message: t('networkError'), requestId: '' }))
      .finally(() => setBusy(false));
    // Runs once per arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [samlResult, role.mappingId]);

  const customMinutes = custom === '' ? null : Number(custom);
  const customInvalid = customMinutes !== null && (!Number.isInteger(customMinutes) || customMinutes * 60 < 900 || customMinutes * 60 > role.maxDurationSeconds);

  const submit = useCallback(async () => {
    setBusy(true);
    setError(null);
    setIssued(null);
    setNotice(null);
    setAnnounce(null);
    const chosen = { duration, region };
    try {
      const res = await fetch(via === 'saml' ? '/api/saml/issue' : '/api/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mappingId: role.mappingId, durationSeconds: chosen.duration, region: chosen.region }),
        cache: 'no-store',
        // Our Referrer-Policy is no-referrer; this keeps the Origin header on our own POSTs.
        referrerPolicy: 'same-origin',
      });
      const body = (await res.json()) as { error?: ApiError } & Record<string, unknown>;
      accept(res, body, chosen);
    } catch {
      focusIssued.current = true;
      setError({ code: 'network', message: t('networkError'), requestId: '' });
    } finally {
      setBusy(false);
    }
  }, [accept, duration, region, role.mappingId, t, via]);

  // The catalog's "Again": one click there, the credentials here.
  const autoIssued = useRef(false);
  useEffect(() => {
    if (!autoIssue || autoIssued.current || samlResult) return;
    autoIssued.current = true;
    window.history.replaceState(null, '', `/roles/${encodeURIComponent(role.mappingId)}`);
    void submit();
  }, [autoIssue, samlResult, role.mappingId, submit]);

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
      else setConsoleError(body.error ? errorText(body.error) : t('consoleFailed'));
    } catch {
      setConsoleError(t('consoleUnreachable'));
    } finally {
      setConsoleBusy(false);
    }
  }

  const label = (s: number) => formatDuration(common, s);
  return (
    <div>
      <p className="sr-only" role="status" aria-live="polite" data-testid="credentials-announcement">
        {announce}
      </p>
      {(samlError || error) && !issued && (
        <div ref={errorBox} tabIndex={-1} role="alert" className="mt-6 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100" data-testid="issue-error">
          <p>{error ? errorText(error) : samlError}</p>
          {error?.requestId && <p className="mt-1 text-xs text-red-800 dark:text-red-200">{t.rich('requestId', { id: error.requestId, c: (x) => <span translate="no">{x}</span> })}</p>}
        </div>
      )}
      {showForm ? (
        <form
          className="mt-6 grid gap-5 rounded-lg border border-slate-200 bg-white p-4 sm:p-6 dark:border-slate-700 dark:bg-slate-900"
          onSubmit={(e) => {
            e.preventDefault();
            if (!customInvalid) void submit();
          }}
          data-testid="request-form"
        >
          <fieldset>
            <legend ref={formHeading} tabIndex={-1} className="text-sm font-medium text-slate-800 dark:text-slate-200">
              {t('duration')}
            </legend>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              {presets.map((s) => (
                <button
                  key={s}
                  type="button"
                  aria-pressed={duration === s && custom === ''}
                  onClick={() => {
                    setDuration(s);
                    setCustom('');
                  }}
                  className={`rounded-md border px-3 py-1.5 text-sm ${duration === s && custom === '' ? 'border-slate-900 bg-slate-900 text-white dark:border-white dark:bg-white dark:text-slate-900' : 'border-slate-400 hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800'}`}
                >
                  {label(s)}
                </button>
              ))}
              <label className="flex items-center gap-2 text-sm text-slate-800 sm:ml-2 dark:text-slate-200">
                {t('custom')}
                <input
                  type="number"
                  inputMode="numeric"
                  min={15}
                  max={role.maxDurationSeconds / 60}
                  value={custom}
                  aria-label={t('customLabel')}
                  aria-invalid={customInvalid}
                  aria-describedby="duration-range"
                  onChange={(e) => {
                    setCustom(e.target.value);
                    const n = Number(e.target.value);
                    if (Number.isInteger(n) && n > 0) setDuration(n * 60);
                  }}
                  className="w-24 rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
                />
                {t('minutes')}
              </label>
            </div>
            <p id="duration-range" className={`mt-1 text-xs ${customInvalid || error?.fields?.durationSeconds ? 'text-red-800 dark:text-red-300' : 'text-slate-700 dark:text-slate-300'}`}>
              {t('durationRange', { max: role.maxDurationSeconds / 60 })}
            </p>
          </fieldset>
          <div>
            <label htmlFor="region" className="text-sm font-medium text-slate-800 dark:text-slate-200">
              {t('region')}
            </label>
            <select
              id="region"
              value={region}
              onChange={(e) => setRegion(e.target.value)}
              aria-invalid={Boolean(error?.fields?.region)}
              className="ml-3 rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
              translate="no"
            >
              {role.allowedRegions.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button
              type="submit"
              data-testid="get-credentials"
              disabled={busy || customInvalid}
              className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60 dark:bg-white dark:text-slate-900 dark:hover:bg-slate-200"
            >
              {busy ? (via === 'saml' ? t('goingToIdp') : t('askingAws')) : via === 'saml' ? t('getCredentialsSaml') : t('getCredentials')}
            </button>
          </div>
        </form>
      ) : (
        <p className="mt-4 text-sm text-slate-700 dark:text-slate-300" data-testid="settings-summary">
          {t('settingsSummary', { duration: label(duration), region })}
        </p>
      )}
      {busy && !showForm && (
        <p className="mt-4 text-sm" role="status">
          {via === 'saml' ? t('goingToIdp') : t('askingAws')}
        </p>
      )}
      {issued && notice && (
        <p role="status" data-testid="issue-notice" className="mt-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          {notice}
        </p>
      )}
      {issued && (
        <CredentialsView
          ref={credentialsHeading}
          issued={issued}
          initialFormat={initialFormat}
          initialProfileName={initialProfileName}
          defaultProfileName={defaultProfileName}
          onRenew={() => void submit()}
          onChangeSettings={() => {
            setShowForm(true);
            setTimeout(() => formHeading.current?.focus(), 0);
          }}
          onConsole={() => void openConsole()}
          consoleBusy={consoleBusy}
          consoleError={consoleError}
        />
      )}
    </div>
  );
}
