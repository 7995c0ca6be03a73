import Link from 'next/link';
import { GroupsPreview } from '@/components/admin/groups-preview';
import { getDb } from '@/lib/db/client';
import { requirePageActor } from '@/lib/http/page-auth';
import { listPeopleSeen, SEEN_WINDOW_DAYS } from '@/lib/mappings/list-people-seen';

export default async function PreviewPage() {
  await requirePageActor({ permission: ['mappings', 'read'], returnTo: '/admin/mappings/preview' });
  const people = (await listPeopleSeen({ db: getDb() })).map((p) => ({
    sub: p.sub,
    label: `${p.name ?? p.email ?? p.sub}${p.email && p.name ? ` (${p.email})` : ''} — ${p.groups.join(', ') || 'no groups'}`,
    groups: p.groups,
    idpKind: p.idpKind,
  }));
  return (
    <section>
      <Link href="/admin/mappings" className="text-sm text-blue-700 underline">← All mappings</Link>
      <h1 className="mt-2 text-2xl font-semibold">Who gets what</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        The roles a set of groups gets from the enabled mappings. People are listed with the groups of their latest visit (last {SEEN_WINDOW_DAYS} days).
      </p>
      <GroupsPreview people={people} />
    </section>
  );
}
