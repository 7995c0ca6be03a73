import Link from 'next/link';
import { ChainedRoleNote } from '@/components/chained-role-note';
import { NoRoles } from '@/components/no-roles';
import { RequestCredentials } from '@/components/request-credentials';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { listCatalog } from '@/lib/entitlements/list-catalog';
import { requirePageActor } from '@/lib/http/page-auth';
import { samlErrorMessage } from '@/lib/saml/explain-saml-failure';

export default async function RolePage({ params, searchParams }: { params: Promise<{ mappingId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { mappingId } = await params;
  const query = await searchParams;
  const actor = await requirePageActor({ permission: ['credentials', 'issue'], returnTo: `/roles/${encodeURIComponent(mappingId)}` });
  const roles = await listCatalog({ db: getDb(), actor });
  const role = roles.find((r) => r.mappingId === mappingId);
  if (!role) {
    return (
      <section>
        <h1 className="text-2xl font-semibold">This role is not available to you</h1>
        <p className="mt-2 text-sm text-slate-600">None of your current groups maps to it (it may have been disabled or removed).</p>
        {roles.length === 0 ? <NoRoles groups={actor.groups} supportContact={getConfig().supportContact} /> : <Link href="/" className="mt-4 inline-block text-sm text-blue-700 underline">See the roles you have</Link>}
      </section>
    );
  }
  const duration = query.duration ? Number(query.duration) : null;
  return (
    <section>
      <Link href="/" className="text-sm text-blue-700 underline">← All roles</Link>
      <h1 className="mt-2 text-2xl font-semibold">{role.roleLabel}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {role.accountLabel} · {role.accountId} · <span className="font-mono text-xs">{role.roleArn}</span>
      </p>
      <ChainedRoleNote targetRoleArn={role.chainedRoleArn} hubRoleArn={role.roleArn} where="form" />
      {role.description && <p className="mt-2 text-sm text-slate-700">{role.description}</p>}
      {query.resumed === '1' && <p className="mt-3 rounded bg-slate-100 p-2 text-sm">You are signed in again; your request is filled in below.</p>}
      <RequestCredentials
        role={{ mappingId: role.mappingId, roleLabel: role.roleLabel, maxDurationSeconds: role.maxDurationSeconds, allowedRegions: role.allowedRegions, defaultRegion: role.defaultRegion }}
        initialDuration={Number.isFinite(duration) ? duration : null}
        initialRegion={query.region ?? null}
        via={actor.idpKind === 'SAML' ? 'saml' : 'oidc'}
        samlResult={query.saml === 'result'}
        samlError={samlErrorMessage(query.samlError, 'issuance')}
      />
    </section>
  );
}
