// POST /api/cli/authorize — the person's answer on /cli/authorize (approve or decline a
// `keyport login` on this computer). Browser only (session cookie, Origin check); answers the
// loopback URL to send the browser back to, with the one-time code or access_denied.
import { getDb } from '@/lib/db/client';
import { answerAuthorizationRequest } from '@/lib/cli-auth/approve-authorization-request';
import { loopbackRedirectProblem } from '@/lib/cli-auth/loopback-redirect';
import { authorizationDecision } from '@/lib/cli-api/schemas';
import { AppError } from '@/lib/errors/app-error';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const POST = withAuth({ permission: ['catalog', 'read'] }, async ({ actor, request, requestId, sourceIp, userAgent }) => {
  const input = await readJson(request, authorizationDecision);
  const problem = loopbackRedirectProblem(input.redirect_uri);
  if (problem) throw new AppError('invalid_input', `The CLI's redirect URI ${problem}.`, { fields: { redirect_uri: problem } });
  const answer = await answerAuthorizationRequest({
    db: getDb(),
    actor,
    request: { redirectUri: input.redirect_uri, codeChallenge: input.code_challenge, state: input.state, clientName: input.client_name ?? 'keyport CLI' },
    approve: input.approve,
    context: { requestId, sourceIp, userAgent },
  });
  return Response.json(answer);
});
