import { displayName } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/http/page-auth';

export default async function HomePage() {
  const actor = await requirePageActor({ permission: ['catalog', 'read'], returnTo: '/' });
  return (
    <section>
      <h1 className="text-2xl font-semibold">Welcome, {displayName(actor)}</h1>
      <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
        <p className="font-medium">No AWS roles to show yet.</p>
        <p className="mt-1 text-sm">Your groups: {actor.groups.length > 0 ? actor.groups.join(', ') : 'none'}.</p>
      </div>
    </section>
  );
}
