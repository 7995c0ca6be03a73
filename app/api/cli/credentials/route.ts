// POST /api/cli/credentials — `keyport credential-process | env | exec | console`: issues
// credentials for one of the person's roles, named by ARN or name (resolve-cli-role.ts), through
// the same pipeline as the page (audited with channel cli). CLI only (bearer token). Body:
// { role, durationSeconds?, region? } (defaults: the mapping's maximum and default region).
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { listCliCatalog } from '@/lib/cli-api/cli-catalog';
import { resolveCliRole } from '@/lib/cli-api/resolve-cli-role';
import { cliCredentialsRequest } from '@/lib/cli-api/schemas';
import { AppError } from '@/lib/errors/app-error';
import { readJson } from '@/lib/http/read-json';
import { NO_STORE, withAuth } from '@/lib/http/route';
import { issueDeps } from '@/lib/issuance/deps';
import { issueCredentials } from '@/lib/issuance/issue-credentials';
import { IssueRefusal } from '@/lib/issuance/issue-refusal';
import { issuedBody } from '@/lib/issuance/issued-body';
import { recordRefusal, refusalEvent } from '@/lib/issuance/record-refusal';
import { refuseIssueInput } from '@/lib/issuance/run-issuance';

export const dynamic = 'force-dynamic';

export const POST = withAuth({ permission: ['credentials', 'issue'], channels: ['cli'] }, async ({ actor, request, requestId, log, sourceIp, userAgent }) => {
  const context = { requestId, sourceIp, userAgent, channel: 'cli' as const };
  const deps = issueDeps(actor, log);
  const input = await readJson(request, cliCredentialsRequest).catch(async (e: unknown) => {
    throw await refuseIssueInput({ actor, error: e as Error, context, deps });
  });
  const cfg = getConfig();
  const roles = await listCliCatalog({ db: getDb(), actor, deploymentMode: cfg.federationMode });
  const match = resolveCliRole(roles, input.role);
  if (match.kind !== 'found') {
    const error =
      match.kind === 'none'
        ? new AppError('forbidden', `You are not entitled to the role "${input.role.slice(0, 200)}". \`keyport roles\` lists the roles you may assume; to get this one, ask ${cfg.supportContact} to map one of your groups to it.`, { detail: { reason: 'not_entitled' } })
        : new AppError('conflict', `"${input.role.slice(0, 200)}" names more than one of your roles: ${match.names.join(', ')}. Name it by its ARN.`, { detail: { reason: 'ambiguous' } });
    throw await recordRefusal({ deps, personSub: actor.sub, event: { ...refusalEvent(actor, {}, context), details: { role: input.role.slice(0, 200) } }, refusal: new IssueRefusal(match.kind === 'none' ? 'not entitled' : 'invalid input', error) });
  }
  const role = match.role;
  if (role.browserRequired) {
    throw new AppError('conflict', `The role ${role.accountLabel}/${role.roleLabel} is issued through your SAML identity provider, which needs the browser: the keyport CLI opens it (POST /api/cli/saml/start), or get the credentials at ${cfg.publicUrl}/roles/${role.mappingId}.`, {
      detail: { reason: 'browser_required', url: `${cfg.publicUrl}/roles/${role.mappingId}` },
    });
  }
  const issued = await issueCredentials({
    actor,
    request: { mappingId: role.mappingId, durationSeconds: input.durationSeconds ?? role.maxDurationSeconds, region: input.region ?? role.defaultRegion },
    context,
    deps,
  });
  return Response.json(issuedBody(issued, requestId), { headers: { 'Cache-Control': NO_STORE, Pragma: 'no-cache' } });
});
