'use client';
// Shows freshly issued credentials once: they live only in this component's memory (never in the
// URL, storage or a cached response), and are dropped when the page is hidden for Back/Forward.
import { useEffect, useMemo, useState } from 'react';
import { credentialOutputs, type CredentialOutputId } from '@/lib/credentials/credential-outputs';
import { formatCredentials } from '@/lib/credentials/format-credentials';
import { formatCredentialsFile } from '@/lib/credentials/format-credentials-file';
import { formatExpiration } from '@/lib/credentials/format-expiration';
import { formatRemaining } from '@/lib/credentials/format-remaining';
import { isValidProfileName } from '@/lib/credentials/profile-name-problem';
import type { TemporaryCredentials } from '@/lib/credentials/types';
import { CopyButton } from './copy-button';

export interface IssuedView {
  credentials: TemporaryCredentials;
  assumedRoleArn: string;
  sessionName: string;
  roleLabel: string;
  roleArn: string;
  accountLabel: string;
  accountId: string;
  region: string;
  requestId: string;
}

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}

function Field({ label, value, testId, secret = false }: { label: string; value: string; testId: string; secret?: boolean }) {
  const [shown, setShown] = useState(!secret);
  return (
    <div>
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 flex items-start gap-2">
        <code data-testid={testId} className="block max-h-24 flex-1 overflow-auto break-all rounded bg-slate-100 px-2 py-1 font-mono text-xs">
          {shown ? value : '•'.repeat(Math.min(value.length, 40))}
        </code>
        {secret && (
          <button type="button" onClick={() => setShown((s) => !s)} className="rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-100">
            {shown ? 'Hide' : 'Reveal'}
          </button>
        )}
        <CopyButton text={value} testId={`copy-${testId}`} />
      </dd>
    </div>
  );
}

export function CredentialsView({ issued, onRenew, onConsole, consoleBusy, consoleError }: {
  issued: IssuedView;
  onRenew: () => void;
  onConsole: () => void;
  consoleBusy: boolean;
  consoleError: string | null;
}) {
  const now = useNow();
  const [tab, setTab] = useState<CredentialOutputId>('env');
  const [profile, setProfile] = useState('keyport');
  const c = issued.credentials;
  const remainingMs = c.expiration.getTime() - now;
  const expired = remainingMs <= 0;
  const output = credentialOutputs.find((o) => o.id === tab);
  const profileOk = isValidProfileName(profile);
  const text = useMemo(() => {
    if (tab === 'credentials-file') return profileOk ? formatCredentialsFile({ credentials: c, profileName: profile }) : '';
    return formatCredentials({ credentials: c, format: tab });
  }, [c, tab, profile, profileOk]);

  if (expired) {
    return (
      <div className="mt-6 rounded-lg border border-slate-300 bg-white p-6" data-testid="credentials-expired">
        <h2 className="text-lg font-semibold">These credentials have expired</h2>
        <p className="mt-1 text-sm text-slate-600">They stopped working at {formatExpiration(c.expiration)}.</p>
        <button type="button" onClick={onRenew} className="mt-4 rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700">
          Get new credentials
        </button>
      </div>
    );
  }

  return (
    <div className="mt-6 rounded-lg border border-emerald-200 bg-white p-6 shadow-sm" data-testid="credentials">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 className="text-lg font-semibold text-emerald-900">Credentials for {issued.roleLabel}</h2>
          <p className="mt-1 break-all font-mono text-xs text-slate-600" data-testid="assumed-role-arn">{issued.assumedRoleArn}</p>
          <p className="mt-1 text-xs text-slate-500">
            {issued.accountLabel} · {issued.accountId} · {issued.region} · session name <code>{issued.sessionName}</code>
          </p>
        </div>
        <div className="text-right text-sm">
          <p>
            Expires in <strong data-testid="countdown">{formatRemaining(remainingMs)}</strong>
          </p>
          <p className="text-xs text-slate-500" data-testid="expires-utc">{formatExpiration(c.expiration)}</p>
          <p className="text-xs text-slate-500">{c.expiration.toLocaleString()} (your time)</p>
        </div>
      </div>
      <p className="mt-3 rounded bg-amber-50 p-2 text-xs text-amber-900">
        Shown once: Keyport does not keep the secret. Reloading or leaving this page discards it.
      </p>
      <dl className="mt-4 grid gap-3">
        <Field label="AccessKeyId" value={c.accessKeyId} testId="access-key-id" />
        <Field label="SecretAccessKey" value={c.secretAccessKey} testId="secret-access-key" secret />
        <Field label="SessionToken" value={c.sessionToken} testId="session-token" secret />
      </dl>

      <div className="mt-6">
        <div role="tablist" aria-label="Formats" className="flex flex-wrap gap-1 border-b border-slate-200">
          {credentialOutputs.map((o) => (
            <button
              key={o.id}
              role="tab"
              type="button"
              aria-selected={tab === o.id}
              onClick={() => setTab(o.id)}
              className={`rounded-t px-3 py-1.5 text-sm ${tab === o.id ? 'border border-b-white border-slate-200 bg-white font-semibold' : 'text-slate-600 hover:text-slate-900'}`}
            >
              {o.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" className="rounded-b border border-t-0 border-slate-200 p-3">
          {output && <p className="text-xs text-slate-600">{output.hint}</p>}
          {tab === 'credentials-file' && (
            <div className="mt-2">
              <label htmlFor="profile-name" className="text-xs font-medium text-slate-700">
                Profile name
              </label>
              <input
                id="profile-name"
                value={profile}
                onChange={(e) => setProfile(e.target.value)}
                className="ml-2 rounded border border-slate-300 px-2 py-1 font-mono text-xs"
                aria-invalid={!profileOk}
              />
              {!profileOk && <p className="mt-1 text-xs text-red-700">Use letters, digits and _ . : / @ + = , - (no spaces or brackets).</p>}
            </div>
          )}
          {tab === 'process' && (
            <div className="mt-2 rounded border border-slate-200 bg-slate-50 p-2 text-xs text-slate-700" data-testid="keyport-cli-advice">
              <p>
                With the <strong>keyport</strong> CLI (see the README: <code>npm install -g ./cli</code>), the AWS CLI and every SDK ask Keyport again before the credentials expire:
              </p>
              <pre className="mt-1 whitespace-pre-wrap break-all font-mono">{`keyport login --url ${typeof window === 'undefined' ? '' : window.location.origin}\nkeyport configure    # one profile per role, or by hand in ~/.aws/config:\n\n[profile ${issued.accountLabel.replace(/[^A-Za-z0-9_.-]+/g, '-')}]\ncredential_process = keyport credential-process --role ${issued.roleArn}\nregion = ${issued.region}`}</pre>
            </div>
          )}
          <pre data-testid={`format-${tab}`} className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">
            {text}
          </pre>
          <div className="mt-2">
            <CopyButton text={text} label={`Copy ${output?.label ?? ''}`} testId={`copy-format-${tab}`} />
          </div>
        </div>
      </div>

      <div className="mt-6 flex flex-wrap items-center gap-3">
        <button type="button" onClick={onConsole} disabled={consoleBusy} className="rounded-md bg-orange-600 px-4 py-2 text-sm font-medium text-white hover:bg-orange-500 disabled:opacity-60">
          {consoleBusy ? 'Opening…' : 'Open AWS console'}
        </button>
        <button type="button" onClick={onRenew} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-100">
          Get new credentials
        </button>
        {consoleError && <p role="alert" className="text-sm text-red-700">{consoleError}</p>}
      </div>
      <p className="mt-3 text-xs text-slate-400">Request id {issued.requestId}</p>
    </div>
  );
}
