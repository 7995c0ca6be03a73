'use client';
// "Who gets what": type groups (or pick a person seen in the audit log) and see the roles they get.
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
        className="grid gap-4 rounded-lg border border-slate-200 bg-white p-6"
        onSubmit={(e) => {
          e.preventDefault();
          void show();
        }}
      >
        {people.length > 0 && (
          <div>
            <label htmlFor="person" className="block text-sm font-medium text-slate-700">
              Person seen in the audit log
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
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            >
              <option value="">— type groups instead —</option>
              {people.map((p) => (
                <option key={p.sub} value={p.sub}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="groups" className="block text-sm font-medium text-slate-700">
            Groups (one per line)
          </label>
          <textarea id="groups" rows={4} value={groups} onChange={(e) => setGroups(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm" />
        </div>
        <div>
          <label htmlFor="previewKind" className="block text-sm font-medium text-slate-700">
            Signed in through
          </label>
          <select id="previewKind" value={idpKind} onChange={(e) => setIdpKind(e.target.value as 'OIDC' | 'SAML')} className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm">
            <option value="OIDC">OIDC</option>
            <option value="SAML">SAML</option>
          </select>
        </div>
        <div>
          <button type="submit" disabled={busy} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
            Show roles
          </button>
        </div>
        {error && (
          <p role="alert" className="text-sm text-red-800">
            {error.message}
          </p>
        )}
      </form>
      {roles && (
        <section aria-label="Roles they would get" data-testid="preview-roles">
          {roles.length === 0 ? (
            <p className="text-sm text-slate-700">These groups get no role.</p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-1">Role</th>
                  <th>Account</th>
                  <th>Via groups</th>
                  <th>Max duration</th>
                </tr>
              </thead>
              <tbody>
                {roles.map((r) => (
                  <tr key={r.roleArn} className="border-t border-slate-200">
                    <td className="py-1">
                      {r.roleLabel}
                      <br />
                      <span className="font-mono text-xs text-slate-500">{r.roleArn}</span>
                    </td>
                    <td>
                      {r.accountLabel} · {r.accountId}
                    </td>
                    <td className="font-mono text-xs">{r.viaGroups.join(', ')}</td>
                    <td>{r.maxDurationSeconds / 60} min</td>
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
