// GET /api/admin/mappings/export — every mapping as a JSON file in a stable order (for git).
import { getDb } from '@/lib/db/client';
import { withAuth } from '@/lib/http/route';
import { exportMappings } from '@/lib/mappings/export-mappings';

export const dynamic = 'force-dynamic';

export const GET = withAuth({ permission: ['mappings', 'export'] }, async () => {
  const text = await exportMappings({ db: getDb() });
  return new Response(text, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="keyport-mappings.json"',
    },
  });
});
