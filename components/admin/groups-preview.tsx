'use client';
// "Who gets what": type groups (or pick a person seen in the audit log) and see the roles they get.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { RoleGrant } from '@/lib/mappings/preview-access';
import { adminApi, type ApiError } from './admin-api';

export interface PersonOption {
  sub: string;
  label: string;
  groups: string[];
  idpKind: 'OIDC' | 'SAML';
}

export function GroupsPreview({ people }: { people: PersonOption[] }) {
  const t = useTranslations('mappings.who');
  const [groups, setGroups] = useState('');
  const [idpKind, setIdpKind] = useState<'OIDC' | 'SAML'>('OIDC');
  const [person, setPerson] = useState('');
  const [roles, setRoles] = useState<RoleGrant[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function show() {
    setBusy(true);
    setError(null);
    const list = groups.split(/[\n,]+/).map((g) => g.trim()).filter(Boolean);
    const res = await adminApi<{ roles: RoleGrant[] }>('POST', '/api/admin/mappings/preview', { groups: list, idpKind });
    setBusy(false);
    if (res.ok) setRoles(res.data.roles);
    else setError(res.error);
  }

  return (
    <div className="grid gap-4">
      <form
        className="grid gap-4 rounded-lg border border-slate-300 bg-white p-4 sm:p-6 dark:border-slate-700 dark:bg-slate-900"
        onSubmit={(e) => {
          e.preventDefault();
          void show();
        }}
      >
        {people.length > 0 && (
          <div>
            <label htmlFor="person" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
              {t('person')}
            </label>
            <select
              id="person"
              value={person}
              onChange={(e) => {
                setPerson(e.target.value);
                const p = people.find((x) => x.sub === e.target.value);
                if (p) {
                  setGroups(p.groups.join('\n'));
                  setIdpKind(p.idpKind);
                  setRoles(null);
                }
              }}
              className="mt-1 w-full rounded-md border border-slate-400 bg-white px-3 dark:border-slate-500 dark:bg-slate-900 py-2 text-sm"
            >
              <option value="">{t('typeInstead')}</option>
              {people.map((p) => (
                <option key={p.sub} value={p.sub} translate="no">
                  {p.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="groups" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
            {t('groupsLabel')}
          </label>
          <textarea id="groups" rows={4} value={groups} onChange={(e) => setGroups(e.target.value)} className="mt-1 w-full rounded-md border border-slate-400 bg-white px-3 dark:border-slate-500 dark:bg-slate-900 py-2 font-mono text-sm" />
        </div>
        <div>
          <label htmlFor="previewKind" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
            {t('signedInThrough')}
          </label>
          <select id="previewKind" value={idpKind} onChange={(e) => setIdpKind(e.target.value as 'OIDC' | 'SAML')} className="mt-1 rounded-md border border-slate-400 bg-white px-3 dark:border-slate-500 dark:bg-slate-900 py-2 text-sm">
            <option value="OIDC">OIDC</option>
            <option value="SAML">SAML</option>
          </select>
        </div>
        <div>
          <button type="submit" disabled={busy} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
            {t('showRoles')}
          </button>
        </div>
        {error && (
          <p role="alert" className="text-sm text-red-800">
            {error.message}
          </p>
        )}
      </form>
      {roles && (
        <section aria-label={t('rolesLabel')} data-testid="preview-roles">
          {roles.length === 0 ? (
            <p className="text-sm text-slate-800 dark:text-slate-200">{t('noRoles')}</p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-700 dark:text-slate-300">
                <tr>
                  <th scope="col" className="py-1">{t('tRole')}</th>
                  <th scope="col">{t('tAccount')}</th>
                  <th scope="col">{t('tVia')}</th>
                  <th scope="col">{t('tMax')}</th>
                </tr>
              </thead>
              <tbody>
                {roles.map((r) => (
                  <tr key={r.roleArn} className="border-t border-slate-200 dark:border-slate-700">
                    <td className="py-1" translate="no">
                      {r.roleLabel}
                      <br />
                      <span className="font-mono text-xs text-slate-700 dark:text-slate-300">{r.roleArn}</span>
                    </td>
                    <td translate="no">
                      {r.accountLabel} · {r.accountId}
                    </td>
                    <td className="font-mono text-xs" translate="no">{r.viaGroups.join(', ')}</td>
                    <td>{t('minutes', { minutes: r.maxDurationSeconds / 60 })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
