// POST /api/decode — { message, accountId? }: decodes an encoded authorization failure message
// with the account's decoder role, for the person the refused session was issued to (or a
// reviewer); 403 otherwise. Every attempt is audited (lib/decode).
import { z } from 'zod';
import { decodeAuthorizationMessageFor } from '@/lib/decode/decode-authorization-message';
import { decodeDeps } from '@/lib/decode/deps';
import { MAX_ENCODED_MESSAGE } from '@/lib/decode/read-denial-text';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

const body = z.object({
  // The whole error text may surround the encoded message.
  message: z.string({ error: 'Paste the error message.' }).min(1, 'Paste the error message.').max(MAX_ENCODED_MESSAGE + 4000, 'This is longer than any AWS error message.'),
  accountId: z.string().max(12).optional(),
});

export const POST = withAuth({ permission: ['authz-messages', 'decode'] }, async ({ actor, request, requestId, log, sourceIp, userAgent }) => {
  const input = await readJson(request, body);
  const result = await decodeAuthorizationMessageFor({ actor, text: input.message, accountId: input.accountId, context: { requestId, sourceIp, userAgent }, deps: decodeDeps(log) });
  return Response.json({ result });
});
