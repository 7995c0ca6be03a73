'use client';
// Shows freshly issued credentials once: they live only in this component's memory (never in the
// URL, storage or a cached response), and are dropped when the page is hidden for Back/Forward.
// The secret and the session token are masked everywhere — fields and format blocks alike — until
// the person reveals them; copying works while masked. The countdown turns amber in the last five
// minutes, shows in the tab title, and can notify (opt-in).
import { useFormatter, useTranslations } from 'next-intl';
import { forwardRef, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { profileNameLeaks } from '@/lib/choices/profile-name-leaks';
import { credentialOutputs, type CredentialOutputId } from '@/lib/credentials/credential-outputs';
import { formatCredentials } from '@/lib/credentials/format-credentials';
import { formatCredentialsFile } from '@/lib/credentials/format-credentials-file';
import { formatExpiration } from '@/lib/credentials/format-expiration';
import { remainingParts } from '@/lib/credentials/format-remaining';
import { isValidProfileName } from '@/lib/credentials/profile-name-problem';
import type { TemporaryCredentials } from '@/lib/credentials/types';
import { CopyButton } from './copy-button';
import { useLocalTimeZone } from './i18n/use-local-time-zone';

export interface IssuedView {
  credentials: TemporaryCredentials;
  mappingId: string;
  assumedRoleArn: string;
  sessionName: string;
  roleLabel: string;
  roleArn: string;
  accountLabel: string;
  accountId: string;
  region: string;
  requestId: string;
}

const SOON_MS = 5 * 60_000;

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}

function mask(value: string): string {
  return '•'.repeat(Math.min(value.length, 40));
}

/** Remembers the output choice for this role (best effort: a preference, never in the way). */
function rememberOutput(mappingId: string, choice: { outputFormat?: CredentialOutputId; profileName?: string }): void {
  void fetch('/api/choices', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mappingId, ...choice }),
    cache: 'no-store',
    referrerPolicy: 'same-origin',
  }).catch(() => undefined);
}

function Field({ label, value, testId, secret, revealed }: { label: string; value: string; testId: string; secret: boolean; revealed: boolean }) {
  const t = useTranslations('credentials');
  return (
    <div>
      <dt className="text-xs font-semibold tracking-wide text-slate-700 dark:text-slate-300" translate="no">
        {label}
      </dt>
      <dd className="mt-1 flex items-start gap-2">
        <code data-testid={testId} translate="no" tabIndex={0} className="block max-h-24 min-w-0 flex-1 overflow-auto rounded bg-slate-100 px-2 py-1 font-mono text-xs break-all dark:bg-slate-800">
          {secret && !revealed ? mask(value) : value}
        </code>
        <CopyButton text={value} label={t('copyField', { field: label })} testId={`copy-${testId}`} />
      </dd>
    </div>
  );
}

export const CredentialsView = forwardRef<HTMLHeadingElement, {
  issued: IssuedView;
  initialFormat: CredentialOutputId | null;
  initialProfileName: string | null;
  defaultProfileName: string;
  onRenew: () => void;
  onChangeSettings: () => void;
  onConsole: () => void;
  consoleBusy: boolean;
  consoleError: string | null;
}>(function CredentialsView({ issued, initialFormat, initialProfileName, defaultProfileName, onRenew, onChangeSettings, onConsole, consoleBusy, consoleError }, headingRef) {
  const t = useTranslations('credentials');
  const format = useFormatter();
  const zone = useLocalTimeZone();
  const now = useNow();
  const [tab, setTab] = useState<CredentialOutputId>(initialFormat ?? 'env');
  const [profile, setProfile] = useState(initialProfileName ?? defaultProfileName);
  const [revealed, setRevealed] = useState(false);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const c = issued.credentials;
  const remainingMs = c.expiration.getTime() - now;
  const expired = remainingMs <= 0;
  const soon = !expired && remainingMs <= SOON_MS;
  const parts = remainingParts(remainingMs);
  const remaining = t(`remaining.${parts.form}`, parts);
  const output = credentialOutputs.find((o) => o.id === tab);
  const profileOk = isValidProfileName(profile);

  const text = useMemo(() => {
    if (tab === 'credentials-file') return profileOk ? formatCredentialsFile({ credentials: c, profileName: profile, region: issued.region }) : '';
    return formatCredentials({ credentials: c, format: tab, region: issued.region });
  }, [c, tab, profile, profileOk, issued.region]);
  const shown = revealed ? text : text.split(c.secretAccessKey).join(mask(c.secretAccessKey)).split(c.sessionToken).join(mask(c.sessionToken));

  // The countdown in the tab title, so it is seen from other tabs; the page's own title comes back after.
  useEffect(() => {
    const original = document.title;
    return () => {
      document.title = original;
    };
  }, []);
  useEffect(() => {
    document.title = expired ? t('tabTitleExpired', { role: issued.roleLabel }) : t('tabTitle', { remaining, role: issued.roleLabel });
  }, [expired, remaining, issued.roleLabel, t]);

  // Opt-in browser notification five minutes before expiry.
  const [notify, setNotify] = useState<'off' | 'on' | 'denied' | 'sent'>('off');
  const canNotify = typeof window !== 'undefined' && 'Notification' in window;
  useEffect(() => {
    if (notify !== 'on' || !soon) return;
    try {
      new Notification(t('notifyTitle'), { body: t('notifyBody', { role: issued.roleLabel, remaining }) });
    } catch {
      /* a browser that refuses notifications from here: the amber countdown still shows */
    }
    setNotify('sent');
  }, [notify, soon, remaining, issued.roleLabel, t]);

  const local = (d: Date) => (zone ? format.dateTime(d, { dateStyle: 'medium', timeStyle: 'medium', timeZone: zone }) : null);

  if (expired) {
    return (
      <section className="mt-6 rounded-lg border border-slate-300 bg-white p-4 sm:p-6 dark:border-slate-600 dark:bg-slate-900" data-testid="credentials-expired" aria-labelledby="credentials-heading">
        <h2 id="credentials-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold">
          {t('expiredTitle')}
        </h2>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t('expiredBody', { utc: formatExpiration(c.expiration), local: local(c.expiration) ?? formatExpiration(c.expiration) })}</p>
        <button type="button" onClick={onRenew} className="mt-4 rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 dark:bg-white dark:text-slate-900">
          {t('getNew')}
        </button>
      </section>
    );
  }

  function selectTab(id: CredentialOutputId, focus: boolean) {
    setTab(id);
    if (focus) tabRefs.current[id]?.focus();
    rememberOutput(issued.mappingId, { outputFormat: id });
  }

  // WAI-ARIA Authoring Practices, Tabs with automatic activation: arrows move and select, Home/End.
  function onTabKey(e: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = credentialOutputs.length - 1;
    const to = e.key === 'ArrowRight' ? (index === last ? 0 : index + 1) : e.key === 'ArrowLeft' ? (index === 0 ? last : index - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (to === null) return;
    e.preventDefault();
    const next = credentialOutputs[to];
    if (next) selectTab(next.id, true);
  }

  return (
    <section className="mt-4 rounded-lg border border-emerald-300 bg-white p-4 shadow-sm sm:p-6 dark:border-emerald-800 dark:bg-slate-900" data-testid="credentials" aria-labelledby="credentials-heading">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h2 id="credentials-heading" ref={headingRef} tabIndex={-1} className="scroll-mt-4 text-lg font-semibold text-emerald-900 dark:text-emerald-300">
            {t.rich('heading', { role: issued.roleLabel, r: (x) => <span translate="no">{x}</span> })}
          </h2>
          <p className="mt-1 font-mono text-xs break-all text-slate-700 dark:text-slate-300" data-testid="assumed-role-arn" translate="no">
            {issued.assumedRoleArn}
          </p>
          <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">
            <span translate="no">
              {issued.accountLabel} · {issued.accountId} · {issued.region}
            </span>{' '}
            · {t('sessionName')} <code translate="no">{issued.sessionName}</code>
          </p>
        </div>
        <div className={`rounded px-2 py-1 text-sm sm:text-right ${soon ? 'bg-amber-100 text-amber-950 ring-2 ring-amber-500 dark:bg-amber-950 dark:text-amber-100' : ''}`} data-testid="expiry" data-soon={soon ? 'true' : 'false'}>
          <p>{t.rich(soon ? 'expiresSoon' : 'expiresIn', { remaining, strong: (x) => <strong data-testid="countdown">{x}</strong> })}</p>
          <p className="text-xs text-slate-700 dark:text-slate-300" data-testid="expires-utc">
            {formatExpiration(c.expiration)}
          </p>
          {local(c.expiration) && <p className="text-xs text-slate-700 dark:text-slate-300">{t('localTime', { time: local(c.expiration) ?? '' })}</p>}
        </div>
      </div>
      <p className="mt-3 rounded bg-amber-50 p-2 text-xs text-amber-950 dark:bg-amber-950 dark:text-amber-100">{t('shownOnce')}</p>

      <div className="mt-4">
        <div role="tablist" aria-label={t('formats')} className="flex flex-wrap gap-1 border-b border-slate-300 dark:border-slate-700">
          {credentialOutputs.map((o, i) => (
            <button
              key={o.id}
              ref={(el) => {
                tabRefs.current[o.id] = el;
              }}
              role="tab"
              type="button"
              id={`format-tab-${o.id}`}
              aria-selected={tab === o.id}
              aria-controls="format-panel"
              tabIndex={tab === o.id ? 0 : -1}
              onClick={() => selectTab(o.id, false)}
              onKeyDown={(e) => onTabKey(e, i)}
              translate="no"
              className={`-mb-px rounded-t border px-2 py-1.5 text-sm sm:px-3 ${tab === o.id ? 'border-slate-300 border-b-white bg-white font-semibold text-slate-900 dark:border-slate-700 dark:border-b-slate-900 dark:bg-slate-900 dark:text-white' : 'border-transparent text-slate-700 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'}`}
            >
              {o.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id="format-panel" aria-labelledby={`format-tab-${tab}`} className="rounded-b border border-t-0 border-slate-300 p-3 dark:border-slate-700">
          <div className="flex flex-wrap items-start justify-between gap-2">
            {output && <p className="min-w-0 flex-1 text-xs text-slate-700 dark:text-slate-300">{t.rich(`hints.${output.id}`, { c: (x) => <code translate="no">{x}</code> })}</p>}
            <CopyButton
              key={tab}
              text={text}
              label={t.rich('copyFormat', { format: output?.label ?? '', f: (x) => <span translate="no">{x}</span> })}
              testId={`copy-format-${tab}`}
              disabledReason={tab === 'credentials-file' && !profileOk ? t('copyDisabled') : null}
              describedBy={tab === 'credentials-file' && !profileOk ? 'profile-name-problem' : undefined}
            />
          </div>
          {tab === 'process' && (
            <div className="mt-2 rounded border border-slate-300 bg-slate-50 p-2 text-xs text-slate-800 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200" data-testid="keyport-cli-advice">
              <p>{t.rich('cliAdvice', { c: (x) => <code translate="no">{x}</code> })}</p>
              <pre translate="no" tabIndex={0} className="mt-1 overflow-auto font-mono break-all whitespace-pre-wrap">{`keyport login --url ${typeof window === 'undefined' ? '' : window.location.origin}\nkeyport configure\n\n# ~/.aws/config\ncredential_process = keyport credential-process --role ${issued.roleArn}\nregion = ${issued.region}`}</pre>
            </div>
          )}
          {tab === 'credentials-file' && (
            <div className="mt-2">
              <label htmlFor="profile-name" className="text-xs font-medium text-slate-800 dark:text-slate-200">
                {t('profileName')}
              </label>
              <input
                id="profile-name"
                value={profile}
                onChange={(e) => setProfile(e.target.value)}
                onBlur={() => {
                  // Never remembered when it carries part of the credentials (a pasted secret is a valid name).
                  if (isValidProfileName(profile) && !profileNameLeaks(profile, c)) rememberOutput(issued.mappingId, { profileName: profile });
                }}
                className="mt-1 block w-72 max-w-full rounded border border-slate-400 bg-white px-2 py-1 font-mono text-xs sm:mt-0 sm:ml-2 sm:inline-block dark:border-slate-600 dark:bg-slate-800"
                aria-invalid={!profileOk}
                aria-describedby={profileOk ? undefined : 'profile-name-problem'}
                spellCheck={false}
                autoComplete="off"
              />
              {!profileOk && (
                <p id="profile-name-problem" className="mt-1 text-xs text-red-800 dark:text-red-300">
                  {t('profileNameInvalid')} {t('copyDisabled')}
                </p>
              )}
            </div>
          )}
          {text && (
            <pre data-testid={`format-${tab}`} translate="no" tabIndex={0} className="mt-2 max-h-64 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100 dark:bg-black">
              {shown}
            </pre>
          )}
        </div>
      </div>

      <div className="mt-4 flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-700 dark:text-slate-300" id="masked-note">
          {revealed ? null : t('masked')}
        </p>
        <button type="button" onClick={() => setRevealed((r) => !r)} aria-pressed={revealed} className="rounded border border-slate-400 bg-white px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-500 dark:bg-slate-800 dark:hover:bg-slate-700">
          {revealed ? t('hideAll') : t('revealAll')}
        </button>
      </div>
      <dl className="mt-3 grid gap-3">
        <Field label="AccessKeyId" value={c.accessKeyId} testId="access-key-id" secret={false} revealed={revealed} />
        <Field label="SecretAccessKey" value={c.secretAccessKey} testId="secret-access-key" secret revealed={revealed} />
        <Field label="SessionToken" value={c.sessionToken} testId="session-token" secret revealed={revealed} />
      </dl>

      <div className="mt-6 flex flex-wrap items-center gap-3">
        <button type="button" onClick={onConsole} disabled={consoleBusy} className="rounded-md bg-orange-700 px-4 py-2 text-sm font-medium text-white hover:bg-orange-800 disabled:opacity-60">
          {consoleBusy ? t('opening') : t('openConsole')}
        </button>
        <button type="button" onClick={onRenew} className="rounded-md border border-slate-400 px-4 py-2 text-sm hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800">
          {t('getNew')}
        </button>
        <button type="button" onClick={onChangeSettings} className="text-sm text-blue-800 underline underline-offset-2 dark:text-sky-300">
          {t('changeSettings')}
        </button>
        {consoleError && (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            {consoleError}
          </p>
        )}
      </div>
      {canNotify && notify !== 'sent' && remainingMs > SOON_MS && (
        <div className="mt-4 text-xs text-slate-700 dark:text-slate-300">
          {notify === 'off' && (
            <button
              type="button"
              className="underline underline-offset-2"
              onClick={() => {
                void Notification.requestPermission().then((p) => setNotify(p === 'granted' ? 'on' : 'denied'));
              }}
            >
              {t('notify')}
            </button>
          )}
          {notify === 'on' && <p role="status">{t('notifyOn')}</p>}
          {notify === 'denied' && <p role="status">{t('notifyDenied')}</p>}
        </div>
      )}
      <p className="mt-3 text-xs text-slate-700 dark:text-slate-300">{t.rich('requestId', { id: issued.requestId, c: (x) => <span translate="no">{x}</span> })}</p>
    </section>
  );
});
