import { NoRoles } from '@/components/no-roles';
import { RoleCatalog } from '@/components/role-catalog';
import { displayName } from '@/lib/auth/actor';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { listCatalog } from '@/lib/entitlements/list-catalog';
import { requirePageActor } from '@/lib/http/page-auth';

export default async function HomePage() {
  const actor = await requirePageActor({ permission: ['catalog', 'read'], returnTo: '/' });
  const roles = await listCatalog({ db: getDb(), actor });
  return (
    <section>
      <h1 className="text-2xl font-semibold">Your AWS roles</h1>
      <p className="mt-1 text-sm text-slate-600">
        Signed in as {displayName(actor)}. Pick a role to get temporary credentials.
      </p>
      {roles.length === 0 ? <NoRoles groups={actor.groups} supportContact={getConfig().supportContact} /> : <div className="mt-6"><RoleCatalog roles={roles} /></div>}
    </section>
  );
}
