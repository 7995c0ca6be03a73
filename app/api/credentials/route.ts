// POST /api/credentials — issue temporary credentials for one of the person's roles.
// Body: { mappingId, durationSeconds, region, format? }. Responses are never cached.
// The hottest route: Keyport's server entry serves it directly (lib/http/direct-routes.ts).
import { z } from 'zod';
import { formatCredentials } from '@/lib/credentials/format-credentials';
import { exportFormats } from '@/lib/credentials/types';
import { json, withAuth } from '@/lib/http/route';
import { issueDeps } from '@/lib/issuance/deps';
import { issueCredentials } from '@/lib/issuance/issue-credentials';
import { refuseIssueInput } from '@/lib/issuance/run-issuance';
import { issuedBody } from '@/lib/issuance/issued-body';

export const dynamic = 'force-dynamic';

const body = z.object({
  mappingId: z.string().min(1).max(64),
  durationSeconds: z.number().int(),
  region: z.string().min(1).max(32),
  format: z.enum(exportFormats).optional(),
});

export const POST = withAuth({ permission: ['credentials', 'issue'] }, async ({ actor, readJson, requestId, log, sourceIp, userAgent }) => {
  const context = { requestId, sourceIp, userAgent };
  const deps = issueDeps(actor, log);
  // Input that cannot be parsed is refused and audited like any other refusal.
  const input = await readJson(body).catch(async (e: unknown) => {
    throw await refuseIssueInput({ actor, error: e as Error, context, deps });
  });
  const issued = await issueCredentials({
    actor,
    request: { mappingId: input.mappingId, durationSeconds: input.durationSeconds, region: input.region },
    context,
    deps,
  });
  return json(
    {
      ...issuedBody(issued, requestId),
      ...(input.format ? { formatted: formatCredentials({ credentials: issued.credentials, format: input.format }) } : {}),
    },
    { headers: { Pragma: 'no-cache' } },
  );
});

