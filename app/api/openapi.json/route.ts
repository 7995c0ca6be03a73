// GET /api/openapi.json — the OpenAPI 3.1 document of the CLI's API, generated from the zod
// schemas the routes parse with (lib/cli-api). Public: it describes, it grants nothing.
import { getConfig } from '@/lib/config';
import { openApiDocument } from '@/lib/cli-api/openapi-document';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json(openApiDocument(getConfig().publicUrl), { headers: { 'Cache-Control': 'no-cache' } });
}
