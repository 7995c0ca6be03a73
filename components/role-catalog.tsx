'use client';
// The person's roles by account, filterable by a search box. Recently used roles come first
// (the order is decided on the server).
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { CatalogEntry } from '@/lib/entitlements/list-catalog';
import { ChainedRoleNote } from './chained-role-note';

function duration(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : `${Math.round(seconds / 60)} min`;
}

export function RoleCatalog({ roles }: { roles: CatalogEntry[] }) {
  const [query, setQuery] = useState('');
  const filtered = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return roles;
    return roles.filter((r) => [r.roleLabel, r.roleArn, r.accountId, r.accountLabel, r.description].some((f) => f.toLowerCase().includes(q)));
  }, [roles, query]);
  const recent = filtered.filter((r) => r.lastUsedAt);
  const byAccount = new Map<string, CatalogEntry[]>();
  for (const r of filtered.filter((x) => !x.lastUsedAt)) {
    const key = `${r.accountLabel} · ${r.accountId}`;
    byAccount.set(key, [...(byAccount.get(key) ?? []), r]);
  }
  return (
    <div>
      <label className="block text-sm font-medium text-slate-700" htmlFor="role-search">
        Search roles
      </label>
      <input
        id="role-search"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="Role, account or ARN"
        className="mt-1 w-full max-w-md rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      {filtered.length === 0 && <p className="mt-6 text-sm text-slate-600">No role matches “{query}”.</p>}
      {recent.length > 0 && <RoleGroup title="Recently used" roles={recent} showAccount />}
      {[...byAccount.entries()].map(([title, list]) => (
        <RoleGroup key={title} title={title} roles={list} />
      ))}
    </div>
  );
}

function RoleGroup({ title, roles, showAccount = false }: { title: string; roles: CatalogEntry[]; showAccount?: boolean }) {
  return (
    <section className="mt-8" aria-label={title}>
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">{title}</h2>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2">
        {roles.map((r) => (
          <li key={r.mappingId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="role-card">
            <div className="flex items-start justify-between gap-3">
              <div>
                <h3 className="font-semibold text-slate-900">{r.roleLabel}</h3>
                {showAccount && (
                  <p className="text-xs text-slate-500">
                    {r.accountLabel} · {r.accountId}
                  </p>
                )}
                <p className="mt-1 break-all font-mono text-xs text-slate-500">{r.roleArn}</p>
                <ChainedRoleNote targetRoleArn={r.chainedRoleArn} hubRoleArn={r.roleArn} where="catalog" />
              </div>
              <Link
                href={`/roles/${r.mappingId}`}
                className="shrink-0 rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
                aria-label={`Get credentials for ${r.roleLabel}`}
              >
                Get credentials
              </Link>
            </div>
            {r.description && <p className="mt-2 text-sm text-slate-600">{r.description}</p>}
            <p className="mt-2 text-xs text-slate-500">
              Up to {duration(r.maxDurationSeconds)} · via {r.viaGroups.join(', ')}
              {r.lastUsedAt ? ` · last used ${new Date(r.lastUsedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
