'use client';
// Create or edit one mapping. The server's rules run as you type (mapping-form-checks.ts): a
// field says what is wrong once it was left, every field once a save was tried, and focus moves to
// the first wrong one. The server checks everything again; its messages replace these. The trust
// policy beside follows what is typed. "Preview access change" shows whose access saving would add
// or remove before anything is saved. Fields are components (mapping-fields/); adding one is adding
// it to mapping-form-values.ts (values, payload) and placing it below (FIELD_ORDER for focus).
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { TAGGABLE_ATTRIBUTES } from '@/lib/broker/session-tags';
import { resolveFederationMode } from '@/lib/issuance/modes/resolve-federation-mode';
import { AWS_REGIONS, regionPartition } from '@/lib/mappings/aws-regions';
import type { AccountRecord } from '@/lib/mappings/check-account-label';
import type { AccessDiff } from '@/lib/mappings/diff-access';
import type { MappingView } from '@/lib/mappings/mapping-view';
import { REGION_PLACES } from '@/lib/mappings/region-groups';
import { toDbKind, type IdpKindInput } from '@/lib/mappings/validate-mapping';
import { AccessDiffView } from './access-diff-view';
import { adminApi, type ApiError } from './admin-api';
import { AccountPicker, NEW_ACCOUNT } from './mapping-fields/account-picker';
import { DurationField } from './mapping-fields/duration-field';
import { describedBy, Field, FieldMessage, inputClass as input } from './mapping-fields/field';
import { RegionPicker } from './mapping-fields/region-picker';
import { firstProblem, formProblems } from './mapping-form-checks';
import { arnAccountId, payloadOf, type MappingFormValues } from './mapping-form-values';
import { TrustPolicyPanel } from './trust-policy-panel';
import { ChainedRoleField } from './chained-role-field';

function partitionOf(roleArn: string): 'aws' | 'aws-cn' | 'aws-us-gov' {
  const p = roleArn.split(':')[1];
  return p === 'aws-cn' || p === 'aws-us-gov' ? p : 'aws';
}

/** The deployment's federation settings, for the mode selector and the IAM setup shown. */
export interface FederationSettings {
  deploymentMode: 'broker' | 'passthrough';
  issuer: string;
  audience: string;
  samlMetadataUrl: string | null;
}

/** The element focus goes to for a field's message. */
function focusTarget(field: string, v: MappingFormValues): string {
  if (field === 'accountLabel') return v.accountChoice === NEW_ACCOUNT ? 'accountLabel' : 'accountChoice';
  return field;
}

export function MappingForm(props: {
  mode: 'create' | 'edit';
  initial: MappingFormValues;
  accounts: AccountRecord[];
  mappingId?: string;
  updatedAt?: string;
  issuer: string;
  clientId: string;
  federation: FederationSettings;
}) {
  const router = useRouter();
  const t = useTranslations('mappings.form');
  const [v, setV] = useState(props.initial);
  const resolved = resolveFederationMode(v.federationMode === '' ? null : v.federationMode, props.federation.deploymentMode);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [impact, setImpact] = useState<AccessDiff | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [focusField, setFocusField] = useState<{ field: string } | null>(null);
  // After the server refused a lookalike group: the admin may confirm that exact name.
  const [lookalikeAsked, setLookalikeAsked] = useState(false);
  const [confirmLookalike, setConfirmLookalike] = useState(false);
  const errorBox = useRef<HTMLDivElement>(null);
  const savedBox = useRef<HTMLParagraphElement>(null);

  const live = formProblems(v, props.mode, props.accounts);
  // The server's answer for a field wins until that field is changed again.
  const fields: Record<string, string> = {};
  for (const [k, m] of Object.entries(live)) if (submitted || touched.has(k)) fields[k] = m;
  for (const [k, m] of Object.entries(error?.fields ?? {})) fields[k] = m;
  const existing = error?.detail?.existingMapping as { id: string; roleLabel: string } | undefined;

  useEffect(() => {
    if (!focusField) return;
    const el = document.getElementById(focusTarget(focusField.field, v));
    el?.focus();
    setFocusField(null);
  }, [focusField, v]);
  useEffect(() => {
    if (saved) savedBox.current?.focus();
  }, [saved]);

  const touch = (key: string) => setTouched((t) => (t.has(key) ? t : new Set([...t, key])));
  const set = <K extends keyof MappingFormValues>(key: K, value: MappingFormValues[K]) => {
    setV((old) => ({ ...old, [key]: value }));
    setSaved(false);
    setImpact(null);
    if (error?.fields) {
      const rest = { ...error.fields };
      delete rest[key === 'accountChoice' || key === 'newAccountLabel' ? 'accountLabel' : key === 'durationHours' || key === 'durationMinutes' ? 'maxDurationSeconds' : key];
      setError({ ...error, fields: rest });
    }
    if (key === 'idpGroup') {
      setLookalikeAsked(false);
      setConfirmLookalike(false);
    }
  };
  const partition = partitionOf(v.roleArn);
  const regions = AWS_REGIONS.filter((r) => regionPartition(r) === partition || v.allowedRegions.includes(r) || v.stsRegion === r);
  const aria = (key: string, hint = false) => describedBy(key, fields[key], hint);
  const arnAccount = arnAccountId(v.roleArn);

  function onRoleArn(value: string) {
    set('roleArn', value);
    // An ARN of an account Keyport knows picks that account; of another, "another account".
    const id = arnAccountId(value);
    if (id && id !== v.accountChoice) {
      const known = props.accounts.some((a) => a.id === id);
      setV((old) => ({ ...old, roleArn: value, accountChoice: known ? id : NEW_ACCOUNT }));
    }
  }

  function onAccount(choice: string) {
    set('accountChoice', choice);
    if (choice !== NEW_ACCOUNT && choice !== '' && v.roleArn.trim() === '') setV((old) => ({ ...old, accountChoice: choice, roleArn: `arn:aws:iam::${choice}:role/` }));
  }

  /** Client-side first: nothing goes to the server while a field is wrong; focus goes to the first. */
  function checkBeforeSending(): boolean {
    setSubmitted(true);
    const first = firstProblem(live);
    if (first) {
      setError(null);
      setFocusField({ field: first });
      return false;
    }
    return true;
  }

  function answerRefused(e: ApiError) {
    setError(e);
    const first = firstProblem(e.fields ?? {});
    if (first) setFocusField({ field: first });
    else setTimeout(() => errorBox.current?.focus(), 0);
  }

  async function previewImpact() {
    if (!checkBeforeSending()) return;
    setBusy(true);
    setError(null);
    const mapping = payloadOf(v, props.mode, props.accounts);
    const change = props.mode === 'create' ? { kind: 'create', mapping } : { kind: 'update', id: props.mappingId, mapping };
    const res = await adminApi<{ impact: AccessDiff }>('POST', '/api/admin/mappings/impact', change);
    setBusy(false);
    if (res.ok) setImpact(res.data.impact);
    else answerRefused(res.error);
  }

  async function save() {
    if (!checkBeforeSending()) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    const confirm = lookalikeAsked && confirmLookalike ? { confirmLookalikeGroup: true } : {};
    const payload = payloadOf(v, props.mode, props.accounts);
    const res =
      props.mode === 'create'
        ? await adminApi<{ mapping: MappingView }>('POST', '/api/admin/mappings', { ...payload, ...confirm })
        : await adminApi<{ mapping: MappingView }>('PUT', `/api/admin/mappings/${props.mappingId ?? ''}`, { mapping: payload, expectedUpdatedAt: props.updatedAt, ...confirm });
    setBusy(false);
    if (!res.ok) {
      if (res.error.detail?.lookalikeGroup) setLookalikeAsked(true);
      answerRefused(res.error);
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
        className="grid min-w-0 gap-4 rounded-lg border border-slate-300 bg-white p-4 sm:p-6 dark:border-slate-700 dark:bg-slate-900"
        aria-label={props.mode === 'create' ? t('new') : t('edit')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field id="idpGroup" label={t('idpGroup')} hint={t('idpGroupHint')} error={fields.idpGroup}>
          <input translate="no" id="idpGroup" className={`${input} font-mono`} value={v.idpGroup} onChange={(e) => set('idpGroup', e.target.value)} onBlur={() => touch('idpGroup')} {...aria('idpGroup', true)} />
        </Field>
        {lookalikeAsked && (
          <label className="flex items-start gap-2 rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
            <input type="checkbox" className="mt-0.5" checked={confirmLookalike} onChange={(e) => setConfirmLookalike(e.target.checked)} />
            <span>{t('lookalikeConfirm')}</span>
          </label>
        )}
        <Field id="idpKind" label={t('idpKind')} error={fields.idpKind}>
          <select id="idpKind" className={input} value={v.idpKind} onChange={(e) => set('idpKind', e.target.value as IdpKindInput)} {...aria('idpKind')}>
            <option value="oidc">OIDC</option>
            <option value="saml">SAML</option>
            <option value="both">{t('both')}</option>
          </select>
        </Field>
        <AccountPicker
          accounts={props.accounts}
          choice={v.accountChoice}
          newLabel={v.newAccountLabel}
          arnAccountId={arnAccount}
          error={fields.accountLabel}
          onChoose={onAccount}
          onNewLabel={(label) => set('newAccountLabel', label)}
          onBlur={() => touch('accountLabel')}
        />
        <Field id="roleArn" label={t('roleArn')} hint={t.rich('roleArnHint', { data: (c) => <span translate="no">{c}</span> })} error={fields.roleArn}>
          <input translate="no" id="roleArn" className={`${input} font-mono`} value={v.roleArn} onChange={(e) => onRoleArn(e.target.value)} onBlur={() => touch('roleArn')} {...aria('roleArn', true)} />
        </Field>
        {existing && (
          <p className="-mt-2 text-sm" data-testid="duplicate-link">
            <Link href={`/admin/mappings/${existing.id}`} className="text-blue-800 underline dark:text-blue-300">
              {t('openExisting', { role: existing.roleLabel })}
            </Link>
          </p>
        )}
        <ChainedRoleField value={v.chainedRoleArn} onChange={(x) => set('chainedRoleArn', x)} error={fields.chainedRoleArn} />
        <Field id="federationMode" label={t('federationMode')} hint={t('federationModeHint', { mode: t(`modeName.${props.federation.deploymentMode}`) })} error={fields.federationMode}>
          <select id="federationMode" className={input} value={v.federationMode} onChange={(e) => set('federationMode', e.target.value as MappingFormValues['federationMode'])} {...aria('federationMode', true)}>
            <option value="">{t('modeDefault', { mode: t(`modeName.${props.federation.deploymentMode}`) })}</option>
            <option value="broker">{t('modeBroker')}</option>
            <option value="broker-saml">{t('modeBrokerSaml')}</option>
            <option value="passthrough">{t('modePassthrough')}</option>
          </select>
        </Field>
        <fieldset id="sessionTagAttributes" tabIndex={-1} className="outline-none" aria-describedby={fields.sessionTagAttributes ? 'sessionTagAttributes-error' : 'sessionTagAttributes-hint'}>
          <legend className="block text-sm font-medium text-slate-800 dark:text-slate-200">{t('sessionTags')}</legend>
          <div className="mt-1 flex flex-wrap gap-3 text-sm">
            {TAGGABLE_ATTRIBUTES.map((a) => (
              <label key={a} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={v.sessionTagAttributes.includes(a)}
                  onChange={(e) => set('sessionTagAttributes', e.target.checked ? [...v.sessionTagAttributes, a] : v.sessionTagAttributes.filter((x) => x !== a))}
                />
                {t.rich('tagWith', { attribute: a, data: (c) => <span translate="no">{c}</span> })}
              </label>
            ))}
          </div>
          <FieldMessage id="sessionTagAttributes" error={fields.sessionTagAttributes} hint={t.rich('sessionTagsHint', { data: (c) => <span translate="no">{c}</span> })} />
        </fieldset>
        {(v.idpKind !== 'oidc' || v.federationMode === 'broker-saml') && (
          <Field id="samlProviderArn" label={t('samlProviderArn')} hint={t('samlProviderHint')} error={fields.samlProviderArn}>
            <input id="samlProviderArn" className={`${input} font-mono`} value={v.samlProviderArn} onChange={(e) => set('samlProviderArn', e.target.value)} onBlur={() => touch('samlProviderArn')} {...aria('samlProviderArn', true)} />
          </Field>
        )}
        {v.idpKind === 'oidc' && v.federationMode !== 'broker-saml' && fields.samlProviderArn && <p className="text-xs text-red-800 dark:text-red-300">{fields.samlProviderArn}</p>}
        <Field id="roleLabel" label={t('roleLabel')} hint={t('roleLabelHint')} error={fields.roleLabel}>
          <input translate="no" id="roleLabel" className={input} value={v.roleLabel} onChange={(e) => set('roleLabel', e.target.value)} onBlur={() => touch('roleLabel')} {...aria('roleLabel', true)} />
        </Field>
        <Field id="description" label={t('description')} error={fields.description}>
          <textarea translate="no" id="description" rows={2} className={input} value={v.description} onChange={(e) => set('description', e.target.value)} onBlur={() => touch('description')} {...aria('description')} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <DurationField hours={v.durationHours} minutes={v.durationMinutes} error={fields.maxDurationSeconds} onChange={(h, m) => setV((old) => ({ ...old, durationHours: h, durationMinutes: m }))} onBlur={() => touch('maxDurationSeconds')} />
          <Field id="stsRegion" label={t('stsRegion')} hint={t('stsRegionHint')} error={fields.stsRegion}>
            <select id="stsRegion" className={input} value={v.stsRegion} onChange={(e) => set('stsRegion', e.target.value)} {...aria('stsRegion', true)}>
              {regions.map((r) => (
                <option key={r} value={r} translate="no">
                  {r} — {REGION_PLACES[r]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <RegionPicker regions={regions} selected={v.allowedRegions} error={fields.allowedRegions} onChange={(selected) => set('allowedRegions', selected)} />
        <Field id="sessionPolicy" label={t('sessionPolicy')} hint={t('sessionPolicyHint')} error={fields.sessionPolicy}>
          <textarea translate="no" id="sessionPolicy" rows={4} className={`${input} font-mono text-xs`} value={v.sessionPolicy} onChange={(e) => set('sessionPolicy', e.target.value)} onBlur={() => touch('sessionPolicy')} {...aria('sessionPolicy', true)} />
        </Field>
        <Field id="managedPolicyArns" label={t('managedPolicies')} error={fields.managedPolicyArns}>
          <textarea translate="no" id="managedPolicyArns" rows={2} className={`${input} font-mono text-xs`} value={v.managedPolicyArns} onChange={(e) => set('managedPolicyArns', e.target.value)} onBlur={() => touch('managedPolicyArns')} {...aria('managedPolicyArns')} />
        </Field>
        {props.mode === 'create' && (
          <label className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
            <input type="checkbox" checked={v.enabled} onChange={(e) => set('enabled', e.target.checked)} /> {t('enabled')}
          </label>
        )}
        {submitted && Object.keys(live).length > 0 && !error && (
          <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-100" data-testid="form-problems">
            {t('problems', { count: Object.keys(live).length })}
          </p>
        )}
        {error && (
          <div ref={errorBox} tabIndex={-1} role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-950 outline-none dark:border-red-700 dark:bg-red-950 dark:text-red-100" data-testid="form-error">
            <p>{error.message}</p>
            {error.requestId && <p className="mt-1 text-xs text-red-800 dark:text-red-300">{t('requestId', { id: error.requestId })}</p>}
          </div>
        )}
        {saved && (
          <p ref={savedBox} tabIndex={-1} role="status" className="rounded bg-green-50 p-2 text-sm text-green-950 outline-none dark:bg-green-950 dark:text-green-100">
            {t('saved')}
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          <button type="button" disabled={busy} onClick={() => void previewImpact()} className="rounded-md border border-slate-400 px-4 py-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-500 dark:hover:bg-slate-800">
            {t('previewChange')}
          </button>
          <button type="submit" disabled={busy} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300">
            {props.mode === 'create' ? t('create') : t('save')}
          </button>
        </div>
        {impact && (
          <section className="rounded border border-slate-300 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-800" aria-label={t('accessChange')}>
            <h2 className="mb-2 text-sm font-semibold">{t('ifYouSave')}</h2>
            <AccessDiffView diff={impact} />
          </section>
        )}
      </form>
      <TrustPolicyPanel
        idpKind={toDbKind(v.idpKind)}
        roleArn={v.roleArn.trim()}
        issuer={props.issuer}
        clientId={props.clientId}
        samlProviderArn={v.samlProviderArn.trim() || null}
        broker={resolved === 'broker' ? { issuer: props.federation.issuer, audience: props.federation.audience } : null}
        samlBroker={resolved === 'broker-saml' ? { metadataUrl: props.federation.samlMetadataUrl } : null}
        chain={v.chainedRoleArn.trim() ? { targetRoleArn: v.chainedRoleArn.trim(), mappingId: props.mappingId ?? null } : null}
      />
    </div>
  );
}
