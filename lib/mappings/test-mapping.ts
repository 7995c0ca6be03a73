import 'server-only';
// "Test this mapping": asks AWS whether the role trusts what Keyport would send for it, with a
// call whose credentials can do nothing and are dropped at once (dry-run-policy.ts says why and
// how). Admins only. Audited as MAPPING_TESTED twice — the intent before AWS is asked (if it cannot
// be written, nothing is sent), the outcome after — with the AccessKeyId AWS returned, never a secret.
import type { Actor } from '@/lib/auth/actor';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { BrokerTokenRefusal, issueBrokerToken } from '@/lib/broker/issue-broker-token';
import { TAGGABLE_ATTRIBUTES, type TaggableAttribute } from '@/lib/broker/session-tags';
import { isAppError } from '@/lib/errors/app-error';
import type { IssuableMapping } from '@/lib/issuance/issuance-types';
import type { IssueDeps } from '@/lib/issuance/issue-credentials';
import { personSessionName } from '@/lib/issuance/modes/oidc-passthrough';
import { resolveFederationMode } from '@/lib/issuance/modes/resolve-federation-mode';
import { stsRefusal } from '@/lib/issuance/modes/sts-refusal';
import { partitionOfArn, stsEndpoint } from '@/lib/sts/sts-endpoint';
import { randomUUID } from 'node:crypto';
import { DRY_RUN_DURATION_SECONDS, DRY_RUN_SESSION_POLICY, dryRunSessionName, dryRunUnavailable } from './dry-run-policy';
import { getMapping } from './get-mapping';
import { auditActorOf } from './mapping-tx';
import { brokerTrustSummary, oidcTrustSummary } from './trust-policy';

export type MappingTestResult =
  | { outcome: 'trusted'; mode: string; assumedRoleArn: string; stsRequestId: string | null; testedAt: string }
  | { outcome: 'refused'; mode: string; code: string; message: string; stsRequestId: string | null; testedAt: string }
  | { outcome: 'not_tested'; mode: string; message: string; testedAt: string };

export async function testMapping(opts: { actor: Actor; mappingId: string; requestId: string; sourceIp: string | null; userAgent: string | null; deps: IssueDeps }): Promise<MappingTestResult> {
  const { deps, actor } = opts;
  const view = await getMapping({ db: deps.db, id: opts.mappingId });
  // The STS endpoint override is not part of the admin view; issuance reads it, so the test does.
  const { stsEndpoint: endpointOverride } = await deps.db.roleMapping.findUniqueOrThrow({ where: { id: view.id }, select: { stsEndpoint: true } });
  const m = { ...view, stsEndpoint: endpointOverride };
  const mode = resolveFederationMode(m.federationMode, deps.federationMode ?? 'passthrough');
  const idpKind = m.idpKind === 'oidc' ? 'OIDC' : m.idpKind === 'saml' ? 'SAML' : 'BOTH';
  const partition = partitionOfArn(m.roleArn);
  const sessionName = dryRunSessionName(personSessionName(actor));
  const testedAt = new Date().toISOString();
  const base = {
    actor: auditActorOf(actor),
    requestId: opts.requestId,
    mappingId: m.id,
    roleArn: m.roleArn,
    accountId: m.accountId,
    sessionName,
    durationSeconds: DRY_RUN_DURATION_SECONDS,
    region: m.stsRegion,
    sourceIp: opts.sourceIp,
    userAgent: opts.userAgent,
  };
  const unavailable = dryRunUnavailable({ idpKind, mode });
  if (unavailable) return { outcome: 'not_tested', mode, message: unavailable, testedAt };

  // The token AWS is shown: Keyport's own for a test subject (broker), or the admin's ID token
  // (passthrough: the role trusts the IdP, whoever the person — Keyport's mappings are the gate).
  let token: string;
  let tokenDetails: Record<string, unknown> = {};
  const expectedTrust =
    mode === 'broker'
      ? brokerTrustSummary({ partition, accountId: m.accountId, issuer: deps.broker?.issuer ?? '', audience: deps.broker?.audience ?? '', roleArn: m.roleArn })
      : oidcTrustSummary({ partition, accountId: m.accountId, issuer: deps.issuer, clientId: deps.clientId });
  try {
    if (mode === 'broker') {
      if (!deps.broker) return { outcome: 'not_tested', mode, message: 'Broker mode is not configured on this deployment (no signing key): Keyport cannot mint the token to test with.', testedAt };
      const minted = await issueBrokerToken({
        keys: await deps.broker.keys(),
        issuer: deps.broker.issuer,
        audience: deps.broker.audience,
        roleArn: m.roleArn,
        tagSource: { person: sessionName, verifiedEmail: null, mappingId: m.id, name: actor.name, username: actor.username, groups: actor.groups, idpKind: actor.idpKind },
        tagAttributes: m.sessionTagAttributes.filter((a): a is TaggableAttribute => (TAGGABLE_ATTRIBUTES as readonly string[]).includes(a)),
        now: deps.broker.now?.() ?? new Date(),
      });
      token = minted.token;
      tokenDetails = { tokenSubject: minted.subject, signingKeyId: minted.kid };
    } else {
      token = await deps.webIdentityToken();
    }
  } catch (e) {
    if (e instanceof BrokerTokenRefusal) return { outcome: 'not_tested', mode, message: `Keyport cannot mint a token for this role: ${e.message}.`, testedAt };
    if (isAppError(e) && e.status < 500) return { outcome: 'not_tested', mode, message: `${e.message} (the test sends your own sign-in token in passthrough mode).`, testedAt };
    throw e;
  }

  const intentId = randomUUID();
  await recordAuditEvent(deps.db, { ...base, type: 'MAPPING_TESTED', intentId, details: { phase: 'requested', federationMode: mode, sessionPolicy: 'deny-all', ...tokenDetails } });
  const result = await deps.assumeRole({
    endpoint: stsEndpoint({ region: m.stsRegion, partition, mappingOverride: m.stsEndpoint, globalOverride: deps.globalStsEndpoint }),
    region: m.stsRegion,
    roleArn: m.roleArn,
    roleSessionName: sessionName,
    webIdentityToken: token,
    durationSeconds: DRY_RUN_DURATION_SECONDS,
    sessionPolicy: DRY_RUN_SESSION_POLICY,
    policyArns: m.managedPolicyArns,
  });
  token = '';
  if (result.ok) {
    // The credentials end here: only the AccessKeyId (no secret) is kept, for CloudTrail.
    const accessKeyId = result.credentials.accessKeyId;
    await appendAuditEvent(deps.db, { ...base, type: 'MAPPING_TESTED', intentId, outcome: 'success', accessKeyId, assumedRoleArn: result.assumedRoleArn, stsRequestId: result.stsRequestId, details: { phase: 'answered', federationMode: mode, credentialsDiscarded: true } });
    return { outcome: 'trusted', mode, assumedRoleArn: result.assumedRoleArn, stsRequestId: result.stsRequestId, testedAt };
  }
  const issuable: IssuableMapping = { ...m, idpKind, federationMode: mode };
  const why = stsRefusal(result, issuable, expectedTrust, { mayReauth: mode === 'passthrough' });
  await appendAuditEvent(deps.db, { ...base, type: 'MAPPING_TESTED', intentId, outcome: 'failure', errorCode: result.code, stsRequestId: result.stsRequestId ?? null, details: { phase: 'answered', federationMode: mode } });
  return { outcome: 'refused', mode, code: result.code, message: why.message, stsRequestId: result.stsRequestId ?? null, testedAt };
}
