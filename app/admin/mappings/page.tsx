import Link from 'next/link';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { describeFederationMode } from '@/lib/issuance/modes/resolve-federation-mode';
import { requirePageActor } from '@/lib/http/page-auth';
import { listMappings } from '@/lib/mappings/list-mappings';
import { describeLookalike, findLookalikeGroups, lookalikeBadge } from '@/lib/mappings/lookalike-group';

function duration(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : `${Math.round(seconds / 60)} min`;
}

export default async function MappingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePageActor({ permission: ['mappings', 'read'], returnTo: '/admin/mappings' });
  const query = await searchParams;
  const mappings = await listMappings({ db: getDb() });
  // Groups that mix scripts or look like another mapping's group (UTS #39), marked in words.
  const lookalikes = findLookalikeGroups(mappings.map((m) => m.idpGroup));
  return (
    <section>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Mappings</h1>
          <p className="mt-1 text-sm text-slate-600">Which IdP group may assume which IAM role. One row grants a role to every member of the group.</p>
          <p className="mt-1 text-sm text-slate-600" data-testid="deployment-federation-mode">
            Federation mode of this deployment — {describeFederationMode(getConfig().federationMode)}
            {getConfig().federationMode === 'broker' ? ` (Keyport's OIDC provider: ${getConfig().broker.issuerUrl}, audience ${getConfig().broker.audience})` : ''}. A mapping can override it; each mapping's page shows what its role must trust.
          </p>
        </div>
        <nav className="flex flex-wrap gap-3 text-sm" aria-label="Mapping tools">
          <Link href="/admin/mappings/new" className="rounded-md bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700">New mapping</Link>
          <Link href="/admin/mappings/preview" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">Who gets what</Link>
          <Link href="/admin/mappings/import" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">Import</Link>
          <a href="/api/admin/mappings/export" download className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">Export JSON</a>
        </nav>
      </div>
      {query.deleted === '1' && <p role="status" className="mt-4 rounded bg-slate-100 p-2 text-sm">The mapping was deleted.</p>}
      {lookalikes.size > 0 && (
        <p className="mt-4 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" data-testid="lookalike-summary">
          Warning: {lookalikes.size} {lookalikes.size === 1 ? 'group mixes scripts or looks' : 'groups mix scripts or look'} like another group. Check {lookalikes.size === 1 ? 'it' : 'them'} with your IdP: a lookalike can grant a role to people a reader would not expect.
        </p>
      )}
      {mappings.length === 0 ? (
        <p className="mt-8 text-sm text-slate-600">No mappings yet: nobody can get credentials. Create the first one.</p>
      ) : (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-2 pr-3">IdP group</th>
                <th className="pr-3">Kind</th>
                <th className="pr-3">Role</th>
                <th className="pr-3">Account</th>
                <th className="pr-3">Max</th>
                <th className="pr-3">Regions</th>
                <th className="pr-3">Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {mappings.map((m) => {
                const lookalike = lookalikes.get(m.idpGroup.normalize('NFC'));
                return (
                  <tr key={m.id} className="border-t border-slate-200 align-top" data-testid="mapping-row">
                    <td className="py-2 pr-3">
                      <code className="rounded bg-slate-100 px-1 whitespace-pre">{m.idpGroup}</code>
                      {lookalike && (
                        <span className="mt-1 block w-fit rounded border border-amber-400 bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900" title={describeLookalike(lookalike)} data-testid="lookalike-badge">
                          ⚠ {lookalikeBadge(lookalike)}
                        </span>
                      )}
                    </td>
                    <td className="pr-3 uppercase text-xs">{m.idpKind}</td>
                    <td className="pr-3">
                      {m.roleLabel}
                      <br />
                      <span className="break-all font-mono text-xs text-slate-500">{m.roleArn}</span>
                    </td>
                    <td className="pr-3">
                      {m.accountLabel}
                      <br />
                      <span className="text-xs text-slate-500">{m.accountId}</span>
                    </td>
                    <td className="pr-3">{duration(m.maxDurationSeconds)}</td>
                    <td className="pr-3 text-xs">{m.allowedRegions.join(', ')}</td>
                    <td className="pr-3">{m.enabled ? <span className="text-green-800">Enabled</span> : <span className="text-slate-500">Disabled</span>}</td>
                    <td>
                      <Link href={`/admin/mappings/${m.id}`} className="text-blue-700 underline" aria-label={`Edit ${m.idpGroup} → ${m.roleLabel}`}>
                        Edit
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
