import Link from 'next/link';
import { ImportPanel } from '@/components/admin/import-panel';
import { requirePageActor } from '@/lib/http/page-auth';

export default async function ImportPage() {
  await requirePageActor({ permission: ['mappings', 'import'], returnTo: '/admin/mappings/import' });
  return (
    <section>
      <Link href="/admin/mappings" className="text-sm text-blue-700 underline">← All mappings</Link>
      <h1 className="mt-2 text-2xl font-semibold">Import mappings</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        A file as <a href="/api/admin/mappings/export" download className="text-blue-700 underline">exported</a>. Every row is checked first; nothing changes unless all rows are valid, and you see the changes before applying them.
      </p>
      <ImportPanel />
    </section>
  );
}
