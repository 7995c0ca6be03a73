'use client';
// Create or edit one mapping. Every rule is checked again on the server, whose messages appear
// beside the fields; the trust policy below follows what is typed. "Preview access change" shows
// whose access saving would add or remove before anything is saved.
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import type { AccessDiff } from '@/lib/mappings/diff-access';
import { AWS_REGIONS, regionPartition } from '@/lib/mappings/aws-regions';
import type { MappingView } from '@/lib/mappings/mapping-view';
import { MAX_DURATION_SECONDS, MIN_DURATION_SECONDS, toDbKind, type IdpKindInput } from '@/lib/mappings/validate-mapping';
import type { MappingFormValues } from './mapping-form-values';
import { AccessDiffView } from './access-diff-view';
import { adminApi, type ApiError } from './admin-api';
import { TAGGABLE_ATTRIBUTES } from '@/lib/broker/session-tags';
import { resolveFederationMode } from '@/lib/issuance/modes/resolve-federation-mode';
import { TrustPolicyPanel } from './trust-policy-panel';
import { ChainedRoleField } from './chained-role-field';

function payloadOf(v: MappingFormValues, mode: 'create' | 'edit'): Record<string, unknown> {
  const seconds = v.maxDurationSeconds.trim();
  return {
    idpGroup: v.idpGroup,
    idpKind: v.idpKind,
    roleArn: v.roleArn,
    accountLabel: v.accountLabel,
    roleLabel: v.roleLabel,
    description: v.description,
    maxDurationSeconds: /^\d{1,9}$/.test(seconds) ? Number(seconds) : seconds,
    stsRegion: v.stsRegion,
    allowedRegions: v.allowedRegions,
    sessionPolicy: v.sessionPolicy.trim() === '' ? null : v.sessionPolicy,
    managedPolicyArns: v.managedPolicyArns.split(/\s+/).filter(Boolean),
    samlProviderArn: (v.idpKind === 'oidc' && v.federationMode !== 'broker-saml') || v.samlProviderArn.trim() === '' ? null : v.samlProviderArn,
    federationMode: v.federationMode === '' ? null : v.federationMode,
    sessionTagAttributes: v.sessionTagAttributes,
    chainedRoleArn: v.chainedRoleArn.trim() === '' ? null : v.chainedRoleArn,
    // Editing leaves the status alone (it has its own buttons, and may have changed meanwhile).
    ...(mode === 'create' ? { enabled: v.enabled } : {}),
  };
}

function partitionOf(roleArn: string): 'aws' | 'aws-cn' | 'aws-us-gov' {
  const p = roleArn.split(':')[1];
  return p === 'aws-cn' || p === 'aws-us-gov' ? p : 'aws';
}

const input = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600';

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !error && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700" data-testid={`error-${id}`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The deployment's federation settings, for the mode selector and the IAM setup shown. */
export interface FederationSettings {
  deploymentMode: 'broker' | 'passthrough';
  issuer: string;
  audience: string;
  samlMetadataUrl: string | null;
}

export function MappingForm(props: { mode: 'create' | 'edit'; initial: MappingFormValues; mappingId?: string; updatedAt?: string; issuer: string; clientId: string; federation: FederationSettings }) {
  const router = useRouter();
  const [v, setV] = useState(props.initial);
  const resolved = resolveFederationMode(v.federationMode === '' ? null : v.federationMode, props.federation.deploymentMode);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [impact, setImpact] = useState<AccessDiff | null>(null);
  // After the server refused a lookalike group: the admin may confirm that exact name.
  const [lookalikeAsked, setLookalikeAsked] = useState(false);
  const [confirmLookalike, setConfirmLookalike] = useState(false);
  const fields = error?.fields ?? {};
  const set = <K extends keyof MappingFormValues>(key: K, value: MappingFormValues[K]) => {
    setV((old) => ({ ...old, [key]: value }));
    setSaved(false);
    setImpact(null);
    if (key === 'idpGroup') {
      setLookalikeAsked(false);
      setConfirmLookalike(false);
    }
  };
  const partition = partitionOf(v.roleArn);
  const regions = AWS_REGIONS.filter((r) => regionPartition(r) === partition || v.allowedRegions.includes(r) || v.stsRegion === r);
  const aria = (key: string) => ({ 'aria-invalid': Boolean(fields[key]), 'aria-describedby': fields[key] ? `${key}-error` : undefined });

  async function previewImpact() {
    setBusy(true);
    setError(null);
    const change = props.mode === 'create' ? { kind: 'create', mapping: payloadOf(v, props.mode) } : { kind: 'update', id: props.mappingId, mapping: payloadOf(v, props.mode) };
    const res = await adminApi<{ impact: AccessDiff }>('POST', '/api/admin/mappings/impact', change);
    setBusy(false);
    if (res.ok) setImpact(res.data.impact);
    else setError(res.error);
  }

  async function save() {
    setBusy(true);
    setError(null);
    setSaved(false);
    const confirm = lookalikeAsked && confirmLookalike ? { confirmLookalikeGroup: true } : {};
    const res =
      props.mode === 'create'
        ? await adminApi<{ mapping: MappingView }>('POST', '/api/admin/mappings', { ...payloadOf(v, props.mode), ...confirm })
        : await adminApi<{ mapping: MappingView }>('PUT', `/api/admin/mappings/${props.mappingId ?? ''}`, { mapping: payloadOf(v, props.mode), expectedUpdatedAt: props.updatedAt, ...confirm });
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      if (res.error.detail?.lookalikeGroup) setLookalikeAsked(true);
      return;
    }
    if (props.mode === 'create') router.push(`/admin/mappings/${res.data.mapping.id}?created=1`);
    else {
      setSaved(true);
      router.refresh();
    }
  }

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form
        className="grid gap-4 rounded-lg border border-slate-200 bg-white p-6"
        aria-label={props.mode === 'create' ? 'New mapping' : 'Edit mapping'}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field id="idpGroup" label="IdP group" hint="Exactly as your IdP sends it (case-sensitive)." error={fields.idpGroup}>
          <input id="idpGroup" className={`${input} font-mono`} value={v.idpGroup} onChange={(e) => set('idpGroup', e.target.value)} {...aria('idpGroup')} />
        </Field>
        {lookalikeAsked && (
          <label className="flex items-start gap-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
            <input type="checkbox" className="mt-0.5" checked={confirmLookalike} onChange={(e) => setConfirmLookalike(e.target.checked)} />
            <span>I checked this exact group name with the IdP: save the lookalike group anyway (recorded in the audit log)</span>
          </label>
        )}
        <Field id="idpKind" label="IdP kind" error={fields.idpKind}>
          <select id="idpKind" className={input} value={v.idpKind} onChange={(e) => set('idpKind', e.target.value as IdpKindInput)} {...aria('idpKind')}>
            <option value="oidc">OIDC</option>
            <option value="saml">SAML</option>
            <option value="both">Both</option>
          </select>
        </Field>
        <Field id="roleArn" label="Role ARN" hint="arn:aws:iam::123456789012:role/Name (aws, aws-cn or aws-us-gov)" error={fields.roleArn}>
          <input id="roleArn" className={`${input} font-mono`} value={v.roleArn} onChange={(e) => set('roleArn', e.target.value)} {...aria('roleArn')} />
        </Field>
        <ChainedRoleField value={v.chainedRoleArn} onChange={(x) => set('chainedRoleArn', x)} error={fields.chainedRoleArn} />
        <Field id="federationMode" label="Federation mode" hint={`How AWS is asked for this role; the deployment's mode is ${props.federation.deploymentMode}.`} error={fields.federationMode}>
          <select id="federationMode" className={input} value={v.federationMode} onChange={(e) => set('federationMode', e.target.value as MappingFormValues['federationMode'])} {...aria('federationMode')}>
            <option value="">Deployment default ({props.federation.deploymentMode})</option>
            <option value="broker">Broker: Keyport mints a token for this role (OIDC)</option>
            <option value="broker-saml">Broker: Keyport signs a SAML assertion for this role</option>
            <option value="passthrough">Passthrough: the IdP&apos;s own token or assertion</option>
          </select>
        </Field>
        <fieldset aria-describedby={fields.sessionTagAttributes ? 'sessionTagAttributes-error' : undefined}>
          <legend className="block text-sm font-medium text-slate-700">Session tags from the IdP (broker mode)</legend>
          <p className="text-xs text-slate-500">Always sent: person, email, keyport-mapping. Add, as idp-&lt;attribute&gt;:</p>
          <div className="mt-1 flex flex-wrap gap-3 text-sm">
            {TAGGABLE_ATTRIBUTES.map((a) => (
              <label key={a} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={v.sessionTagAttributes.includes(a)}
                  onChange={(e) => set('sessionTagAttributes', e.target.checked ? [...v.sessionTagAttributes, a] : v.sessionTagAttributes.filter((x) => x !== a))}
                />
                {`Tag with ${a}`}
              </label>
            ))}
          </div>
          {fields.sessionTagAttributes && (
            <p id="sessionTagAttributes-error" className="mt-1 text-xs text-red-700" data-testid="error-sessionTagAttributes">
              {fields.sessionTagAttributes}
            </p>
          )}
        </fieldset>
        {(v.idpKind !== 'oidc' || v.federationMode === 'broker-saml') && (
          <Field id="samlProviderArn" label="SAML provider ARN" hint="The IAM SAML provider in the role's account (Keyport's own in SAML broker mode)." error={fields.samlProviderArn}>
            <input id="samlProviderArn" className={`${input} font-mono`} value={v.samlProviderArn} onChange={(e) => set('samlProviderArn', e.target.value)} {...aria('samlProviderArn')} />
          </Field>
        )}
        {v.idpKind === 'oidc' && v.federationMode !== 'broker-saml' && fields.samlProviderArn && <p className="text-xs text-red-700">{fields.samlProviderArn}</p>}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="accountLabel" label="Account label" error={fields.accountLabel}>
            <input id="accountLabel" className={input} value={v.accountLabel} onChange={(e) => set('accountLabel', e.target.value)} {...aria('accountLabel')} />
          </Field>
          <Field id="roleLabel" label="Role label" error={fields.roleLabel}>
            <input id="roleLabel" className={input} value={v.roleLabel} onChange={(e) => set('roleLabel', e.target.value)} {...aria('roleLabel')} />
          </Field>
        </div>
        <Field id="description" label="Description" error={fields.description}>
          <textarea id="description" rows={2} className={input} value={v.description} onChange={(e) => set('description', e.target.value)} {...aria('description')} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="maxDurationSeconds" label="Maximum duration (seconds)" hint={`${MIN_DURATION_SECONDS} (15 min) to ${MAX_DURATION_SECONDS} (12 h); the role's own maximum must allow it.`} error={fields.maxDurationSeconds}>
            <input id="maxDurationSeconds" inputMode="numeric" className={input} value={v.maxDurationSeconds} onChange={(e) => set('maxDurationSeconds', e.target.value)} {...aria('maxDurationSeconds')} />
          </Field>
          <Field id="stsRegion" label="STS region" error={fields.stsRegion}>
            <select id="stsRegion" className={input} value={v.stsRegion} onChange={(e) => set('stsRegion', e.target.value)} {...aria('stsRegion')}>
              {regions.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <fieldset aria-describedby={fields.allowedRegions ? 'allowedRegions-error' : undefined}>
          <legend className="text-sm font-medium text-slate-700">Allowed regions</legend>
          <div className="mt-1 grid grid-cols-3 gap-1 text-xs">
            {regions.map((r) => (
              <label key={r} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={v.allowedRegions.includes(r)}
                  onChange={(e) => set('allowedRegions', e.target.checked ? [...v.allowedRegions, r] : v.allowedRegions.filter((x) => x !== r))}
                />
                {r}
              </label>
            ))}
          </div>
          {fields.allowedRegions && (
            <p id="allowedRegions-error" className="mt-1 text-xs text-red-700" data-testid="error-allowedRegions">
              {fields.allowedRegions}
            </p>
          )}
        </fieldset>
        <Field id="sessionPolicy" label="Session policy (optional JSON)" hint="Narrows what the credentials may do; at most 2048 characters without spaces." error={fields.sessionPolicy}>
          <textarea id="sessionPolicy" rows={4} className={`${input} font-mono text-xs`} value={v.sessionPolicy} onChange={(e) => set('sessionPolicy', e.target.value)} {...aria('sessionPolicy')} />
        </Field>
        <Field id="managedPolicyArns" label="Managed policy ARNs (optional, one per line, up to 10)" error={fields.managedPolicyArns}>
          <textarea id="managedPolicyArns" rows={2} className={`${input} font-mono text-xs`} value={v.managedPolicyArns} onChange={(e) => set('managedPolicyArns', e.target.value)} {...aria('managedPolicyArns')} />
        </Field>
        {props.mode === 'create' && (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={v.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Enabled
          </label>
        )}
        {error && (
          <div role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="form-error">
            <p>{error.message}</p>
            {error.requestId && <p className="mt-1 text-xs text-red-700">Request id {error.requestId}</p>}
          </div>
        )}
        {saved && (
          <p role="status" className="rounded bg-green-50 p-2 text-sm text-green-900">
            Saved.
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          <button type="button" disabled={busy} onClick={() => void previewImpact()} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-60">
            Preview access change
          </button>
          <button type="submit" disabled={busy} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
            {props.mode === 'create' ? 'Create mapping' : 'Save changes'}
          </button>
        </div>
        {impact && (
          <section className="rounded border border-slate-200 bg-slate-50 p-3" aria-label="Access change">
            <h2 className="mb-2 text-sm font-semibold">If you save this</h2>
            <AccessDiffView diff={impact} />
          </section>
        )}
      </form>
      <TrustPolicyPanel idpKind={toDbKind(v.idpKind)} roleArn={v.roleArn.trim()} issuer={props.issuer} clientId={props.clientId} samlProviderArn={v.samlProviderArn.trim() || null} broker={resolved === 'broker' ? { issuer: props.federation.issuer, audience: props.federation.audience } : null}
        samlBroker={resolved === 'broker-saml' ? { metadataUrl: props.federation.samlMetadataUrl } : null}
        chain={v.chainedRoleArn.trim() ? { targetRoleArn: v.chainedRoleArn.trim(), mappingId: props.mappingId ?? null } : null}
      />
    </div>
  );
}
