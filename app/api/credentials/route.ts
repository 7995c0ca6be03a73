// POST /api/credentials — issue temporary credentials for one of the person's roles.
// Body: { mappingId, durationSeconds, region, format? }. Responses are never cached.
import { z } from 'zod';
import { formatCredentials } from '@/lib/credentials/format-credentials';
import { exportFormats } from '@/lib/credentials/types';
import { readJson } from '@/lib/http/read-json';
import { NO_STORE, withAuth } from '@/lib/http/route';
import { issueDeps } from '@/lib/issuance/deps';
import { issueCredentials } from '@/lib/issuance/issue-credentials';
import { issuedBody } from '@/lib/issuance/issued-body';

export const dynamic = 'force-dynamic';

const body = z.object({
  mappingId: z.string().min(1).max(64),
  durationSeconds: z.number().int(),
  region: z.string().min(1).max(32),
  format: z.enum(exportFormats).optional(),
});

export const POST = withAuth({ permission: ['credentials', 'issue'] }, async ({ actor, request, requestId, log, sourceIp, userAgent }) => {
  const input = await readJson(request, body);
  const issued = await issueCredentials({
    actor,
    request: { mappingId: input.mappingId, durationSeconds: input.durationSeconds, region: input.region },
    context: { requestId, sourceIp, userAgent },
    deps: issueDeps(actor, log),
  });
  return Response.json(
    {
      ...issuedBody(issued, requestId),
      ...(input.format ? { formatted: formatCredentials({ credentials: issued.credentials, format: input.format }) } : {}),
    },
    { headers: { 'Cache-Control': NO_STORE, Pragma: 'no-cache' } },
  );
});

