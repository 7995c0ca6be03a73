// Crafted SAML responses against the real validation (node-saml + the database) and, for
// issuance, the real sandbox AWS: every hostile variant is refused with a clear reason, nothing
// is consumed or issued; genuine ones are accepted exactly once.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { checkSamlIssuable } from './check-saml-issuable';
import { issueCredentialsWithSaml, type SamlIssueDeps } from '@/lib/issuance/issue-credentials-with-saml';
import { createLogger } from '@/lib/log/logger';
import { assumeRoleWithSaml } from '@/lib/sts/assume-role-with-saml';
import { assertionXml, newSamlId, signedResponse, signElement, wrapInResponse, type ResponseInput } from '@/sandbox/saml/build-response';
import { selfSignedCertificate } from '@/sandbox/saml/certificate';
import { samlSubjectFor } from '@/sandbox/saml/idp';
import { SAML_TEST_PORTAL, startSandboxStack, type SandboxStack } from '@/test/sandbox-stack';
import { explainSamlFailure, SamlRejection, type SamlFailure } from './explain-saml-failure';
import type { IdpDescriptor } from './parse-idp-metadata';
import { samlIdentity } from './saml-identity';
import type { SamlPurpose } from './saml-requests';
import { startSamlRequest } from './start-saml-request';
import { validateSamlResponse, type SamlSp } from './validate-saml-response';

const AWS = 'https://signin.aws.amazon.com/saml';
const ROLE = 'arn:aws:iam::111122223333:role/SamlDeveloper';
const PROVIDER = 'arn:aws:iam::111122223333:saml-provider/KeyportSandboxSaml';
const sp: SamlSp = { acsUrl: `${SAML_TEST_PORTAL}/api/saml/acs`, spEntityId: `${SAML_TEST_PORTAL}/api/saml/metadata`, awsEntityId: 'urn:amazon:webservices', allowIdpInitiated: false };

let stack: SandboxStack;
let db: Db;
let idp: IdpDescriptor;
const logLines: string[] = [];
const log = createLogger({ level: 'debug', write: (l) => logLines.push(l) });

beforeAll(async () => {
  stack = await startSandboxStack();
  db = createPrismaClient(inject('databaseUrl'));
  idp = { entityId: stack.saml.entityId, ssoUrl: stack.saml.ssoUrl, certs: [stack.saml.certPem] };
});
afterAll(async () => {
  await db?.$disconnect();
  await stack?.close();
});

async function newRequest(purpose: SamlPurpose, pending: Record<string, unknown> = { returnTo: '/' }, sessionId: string | null = null): Promise<string> {
  const url = await startSamlRequest({ db, idp, sp, purpose, sessionId, pending });
  const xml = inflateRawSync(Buffer.from(new URL(url).searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
  return /ID="([^"]+)"/.exec(xml)?.[1] ?? '';
}

function input(requestId: string | null, purpose: SamlPurpose, over: Partial<ResponseInput> = {}): ResponseInput {
  const signIn = purpose === 'SIGN_IN';
  return {
    issuer: stack.saml.entityId,
    destination: sp.acsUrl,
    recipient: signIn ? sp.acsUrl : AWS,
    audience: signIn ? sp.spEntityId : AWS,
    inResponseTo: requestId,
    nameId: samlSubjectFor('sam'),
    attributes: signIn
      ? { email: ['sam@example.com'], name: ['Sam Samlson'], groups: ['saml-engineering'] }
      : {
          email: ['sam@example.com'],
          'https://aws.amazon.com/SAML/Attributes/Role': [`${ROLE},${PROVIDER}`],
          'https://aws.amazon.com/SAML/Attributes/RoleSessionName': ['sam@example.com'],
        },
    ...over,
  };
}

const b64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
const validate = (samlResponse: string) => validateSamlResponse({ db, idp, sp, samlResponse });
const samlCalls = () => stack.aws.stats().calls.AssumeRoleWithSAML ?? 0;

async function refused(samlResponse: string, reason: SamlFailure | SamlFailure[]): Promise<SamlRejection> {
  const e = await validate(samlResponse).then(
    () => new Error('expected a refusal'),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SamlRejection);
  const r = e as SamlRejection;
  expect([reason].flat(), r.technical).toContain(r.reason);
  // What the person reads says what to do.
  expect(explainSamlFailure(r.reason, { purpose: 'sign-in' })).toMatch(/again|IdP|admins|Keyport/);
  return r;
}

function keyPair(cn: string) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), certPem: selfSignedCertificate({ privateKey, commonName: cn }) };
}

describe('SAML sign-in responses', () => {
  it('accepts a genuine response once, with the groups and NameID it carries', async () => {
    const id = await newRequest('SIGN_IN', { returnTo: '/roles/x' });
    const r = signedResponse(input(id, 'SIGN_IN'), stack.saml.key);
    const ok = await validate(r.base64);
    expect(ok.purpose).toBe('SIGN_IN');
    expect(ok.request?.pending).toEqual({ returnTo: '/roles/x' });
    expect(samlIdentity(ok.facts, 'groups')).toMatchObject({ sub: samlSubjectFor('sam'), email: 'sam@example.com', groups: ['saml-engineering'] });
    // The same response posted twice: the second is refused.
    await refused(r.base64, 'replayed');
    expect(await db.samlRequest.count({ where: { id } })).toBe(0);
  });

  it('refuses an unsigned assertion', async () => {
    const id = await newRequest('SIGN_IN');
    await refused(b64(wrapInResponse(input(id, 'SIGN_IN'), assertionXml(input(id, 'SIGN_IN')))), 'bad_signature');
    expect(await db.samlRequest.count({ where: { id } })).toBe(1);
  });

  it('refuses a signed response wrapping an unsigned assertion (Keycloak\'s default), saying what to turn on', async () => {
    const id = await newRequest('SIGN_IN');
    const responseId = newSamlId();
    const unsignedInside = wrapInResponse(input(id, 'SIGN_IN'), assertionXml(input(id, 'SIGN_IN')), responseId);
    const signedOutside = signElement(unsignedInside, { id: responseId, ...stack.saml.key });
    const r = await refused(b64(signedOutside), 'assertion_unsigned');
    expect(explainSamlFailure(r.reason, { purpose: 'sign-in' })).toMatch(/signed the response but not the assertion inside it/);
    expect(explainSamlFailure(r.reason, { purpose: 'sign-in' })).toMatch(/turn on assertion signing/);
    expect(await db.samlRequest.count({ where: { id } })).toBe(1);
  });

  it('refuses a second assertion next to a genuine signed one', async () => {
    const id = await newRequest('SIGN_IN');
    const genuine = signedResponse(input(id, 'SIGN_IN'), stack.saml.key).xml;
    const evil = assertionXml(input(id, 'SIGN_IN', { nameId: 'admin', attributes: { groups: ['keyport-admins'] } }));
    await refused(b64(genuine.replace('</samlp:Response>', `${evil}</samlp:Response>`)), ['bad_signature', 'malformed']);
  });

  it('refuses an unsigned assertion that carries the genuine signed one inside it (wrapping)', async () => {
    const id = await newRequest('SIGN_IN');
    const aid = newSamlId();
    const signed = signElement(assertionXml({ ...input(id, 'SIGN_IN'), assertionId: aid }), { id: aid, ...stack.saml.key });
    const evil = assertionXml(input(id, 'SIGN_IN', { nameId: 'admin', attributes: { groups: ['keyport-admins'] } })).replace('</saml:Assertion>', `<saml:Advice>${signed}</saml:Advice></saml:Assertion>`);
    await refused(b64(wrapInResponse(input(id, 'SIGN_IN'), evil)), 'bad_signature');
  });

  it('refuses a response re-signed with another key that ships its own certificate', async () => {
    const id = await newRequest('SIGN_IN');
    const r = signedResponse(input(id, 'SIGN_IN'), keyPair('attacker'));
    expect(r.xml).toContain('<ds:X509Certificate>');
    await refused(r.base64, 'bad_signature');
  });

  it('refuses an expired response, and one not yet valid beyond 60 s of skew', async () => {
    const id = await newRequest('SIGN_IN');
    await refused(signedResponse(input(id, 'SIGN_IN', { now: new Date(Date.now() - 10 * 60_000), ttlSeconds: 300 }), stack.saml.key).base64, 'expired');
    const id2 = await newRequest('SIGN_IN');
    await refused(signedResponse(input(id2, 'SIGN_IN', { now: new Date(Date.now() + 5 * 60_000) }), stack.saml.key).base64, 'not_yet_valid');
  });

  it('accepts 40 s of clock skew but not 120 s', async () => {
    const id = await newRequest('SIGN_IN');
    await expect(validate(signedResponse(input(id, 'SIGN_IN', { now: new Date(Date.now() - 300_000 - 40_000) }), stack.saml.key).base64)).resolves.toMatchObject({ purpose: 'SIGN_IN' });
    const id2 = await newRequest('SIGN_IN');
    await refused(signedResponse(input(id2, 'SIGN_IN', { now: new Date(Date.now() - 300_000 - 120_000) }), stack.saml.key).base64, 'expired');
  });

  it('refuses a wrong audience, and AWS-audience responses for a sign-in request', async () => {
    const id = await newRequest('SIGN_IN');
    await refused(signedResponse(input(id, 'SIGN_IN', { audience: 'https://other-app.example' }), stack.saml.key).base64, 'wrong_audience');
    const id2 = await newRequest('SIGN_IN');
    await refused(signedResponse(input(id2, 'ISSUANCE'), stack.saml.key).base64, ['wrong_audience', 'wrong_recipient']);
  });

  it('refuses an unknown InResponseTo, and a response without one (IdP-initiated is off)', async () => {
    await refused(signedResponse(input('_not-a-request-of-ours', 'SIGN_IN'), stack.saml.key).base64, 'unknown_request');
    await refused(signedResponse(input(null, 'SIGN_IN'), stack.saml.key).base64, 'unsolicited');
  });

  it('accepts IdP-initiated sign-in only when configured, and still only once', async () => {
    const r = signedResponse(input(null, 'SIGN_IN'), stack.saml.key);
    await refused(r.base64, 'unsolicited');
    const open = { ...sp, allowIdpInitiated: true };
    await expect(validateSamlResponse({ db, idp, sp: open, samlResponse: r.base64 })).resolves.toMatchObject({ purpose: 'SIGN_IN', request: null });
    const again = await validateSamlResponse({ db, idp, sp: open, samlResponse: r.base64 }).catch((e: unknown) => e);
    expect((again as SamlRejection).reason).toBe('replayed');
  });

  it('refuses a signed InResponseTo that differs from the Response one', async () => {
    const id = await newRequest('SIGN_IN');
    const other = await newRequest('SIGN_IN');
    const xml = signedResponse(input(other, 'SIGN_IN'), stack.saml.key).xml.replace(`InResponseTo="${other}">`, `InResponseTo="${id}">`);
    await refused(b64(xml), 'unknown_request');
  });

  it('refuses a DOCTYPE / entity payload before parsing, and an oversized body', async () => {
    const id = await newRequest('SIGN_IN');
    const genuine = signedResponse(input(id, 'SIGN_IN'), stack.saml.key).xml;
    const withDoctype = genuine.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>');
    await refused(b64(withDoctype), 'doctype');
    await refused(b64(genuine.replace('<saml:Issuer>', '<!doctype x><saml:Issuer>')), 'doctype');
    await refused(b64(genuine.replace('</samlp:Response>', `<!--${'x'.repeat(300 * 1024)}--></samlp:Response>`)), 'too_large');
    expect(await db.samlRequest.count({ where: { id } })).toBe(1);
  });

  it('uses the full text of a group value with an XML comment inside it', async () => {
    const id = await newRequest('SIGN_IN');
    const r = signedResponse(input(id, 'SIGN_IN', { attributes: { email: ['sam@example.com'] }, rawAttributeValues: { groups: ['saml-engineering<!-- a comment -->-admins', 'plain'] } }), stack.saml.key);
    const ok = await validate(r.base64);
    expect(samlIdentity(ok.facts, 'groups').groups).toEqual(['saml-engineering-admins', 'plain']);
  });
});

describe('SAML issuance responses', () => {
  async function samlMapping(group: string, over: Partial<{ samlProviderArn: string | null; maxDurationSeconds: number }> = {}) {
    return db.roleMapping.create({
      data: {
        idpGroup: group,
        idpKind: 'SAML',
        roleArn: ROLE,
        accountId: '111122223333',
        accountLabel: 'sandbox-dev',
        roleLabel: 'SAML dev',
        maxDurationSeconds: over.maxDurationSeconds ?? 7200,
        stsRegion: 'us-east-1',
        allowedRegions: ['us-east-1'],
        samlProviderArn: over.samlProviderArn === undefined ? PROVIDER : over.samlProviderArn,
        createdBy: 'test',
        updatedBy: 'test',
      },
    });
  }
  const actor = (groups: string[]): Actor => ({ sessionId: 's', sub: samlSubjectFor('sam'), idpKind: 'SAML', email: 'sam@example.com', name: 'Sam', username: 'sam', groups, roles: ['employee'], idTokenExpiresAt: null, emailVerified: true });
  const deps = (): SamlIssueDeps => ({ db, log, globalStsEndpoint: stack.aws.url, rateLimitPerHour: 100, refusalLimitPerHour: 1000, supportContact: 'the platform team', assumeRoleWithSaml: (o) => assumeRoleWithSaml({ ...o, backoffMs: 1 }) });
  const ctx = () => ({ requestId: randomUUID(), sourceIp: '203.0.113.9', userAgent: 'vitest' });

  async function issue(group: string, mappingId: string, durationSeconds: number, over: Partial<ResponseInput> = {}) {
    const pending = { mappingId, durationSeconds, region: 'us-east-1' };
    const id = await newRequest('ISSUANCE', pending, 's');
    const r = signedResponse(input(id, 'ISSUANCE', over), stack.saml.key);
    const v = await validate(r.base64);
    expect(v.purpose).toBe('ISSUANCE');
    expect(v.request?.pending).toEqual(pending);
    const context = ctx();
    return { context, raw: r.base64, result: issueCredentialsWithSaml({ actor: actor([group]), request: pending, context, deps: deps(), assertion: { samlResponse: r.base64, facts: v.facts, awsPartition: v.awsPartition } }) };
  }

  const issuanceRequest = () => newRequest('ISSUANCE', { mappingId: randomUUID(), durationSeconds: 900, region: 'us-east-1' }, 's');

  it('accepts each audience AWS accepts: urn:amazon:webservices, the global and a regional sign-in URL', async () => {
    for (const audience of ['urn:amazon:webservices', AWS, 'https://eu-west-1.signin.aws.amazon.com/saml']) {
      const v = await validate(signedResponse(input(await issuanceRequest(), 'ISSUANCE', { audience }), stack.saml.key).base64);
      expect(v.awsPartition, audience).toBe('aws');
    }
  });

  it('issues through sandbox AWS with the audience IdPs send (urn:amazon:webservices); AWS answers the Recipient as Audience', async () => {
    const group = `saml-${randomUUID()}`;
    const m = await samlMapping(group);
    const issued = await (await issue(group, m.id, 900, { audience: 'urn:amazon:webservices' })).result;
    const sts = new STSClient({ region: 'us-east-1', endpoint: stack.aws.url, credentials: issued.credentials });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:sts::111122223333:assumed-role/SamlDeveloper/sam@example.com');
  });

  it('refuses, before AWS is asked, the Recipient an IdP sets to Keyport\'s ACS, saying AWS cannot accept it', async () => {
    const before = samlCalls();
    const r = await refused(signedResponse(input(await issuanceRequest(), 'ISSUANCE', { recipient: sp.acsUrl, audience: 'urn:amazon:webservices' }), stack.saml.key).base64, 'recipient_not_aws');
    expect(explainSamlFailure(r.reason, { purpose: 'issuance' })).toMatch(/AWS accepts only assertions whose Recipient is its own sign-in URL/);
    expect(explainSamlFailure(r.reason, { purpose: 'issuance' })).toMatch(/broker mode/);
    expect(samlCalls()).toBe(before);
  });

  it('refuses audiences AWS does not accept: Keyport\'s, a look-alike, none of two restrictions', async () => {
    for (const audience of [sp.spEntityId, 'urn:amazon:webservices:', 'https://signin.aws.amazon.com.evil.example/saml', 'http://signin.aws.amazon.com/saml']) {
      await refused(signedResponse(input(await issuanceRequest(), 'ISSUANCE', { audience }), stack.saml.key).base64, 'wrong_audience');
    }
  });

  it('gives GovCloud and China their own audiences: a GovCloud assertion is refused for a commercial role', async () => {
    const gov = await validate(signedResponse(input(await issuanceRequest(), 'ISSUANCE', { audience: 'urn:amazon:webservices:govcloud', recipient: 'https://signin.amazonaws-us-gov.com/saml' }), stack.saml.key).base64);
    expect(gov.awsPartition).toBe('aws-us-gov');
    const cn = await validate(signedResponse(input(await issuanceRequest(), 'ISSUANCE', { audience: 'https://signin.amazonaws.cn/saml', recipient: 'https://signin.amazonaws.cn/saml' }), stack.saml.key).base64);
    expect(cn.awsPartition).toBe('aws-cn');
    // A commercial Recipient with a GovCloud audience is no GovCloud assertion.
    await refused(signedResponse(input(await issuanceRequest(), 'ISSUANCE', { audience: 'urn:amazon:webservices:govcloud', recipient: AWS }), stack.saml.key).base64, 'recipient_not_aws');

    const group = `saml-${randomUUID()}`;
    const m = await samlMapping(group);
    const before = samlCalls();
    const { result } = await issue(group, m.id, 900, { audience: 'urn:amazon:webservices:govcloud', recipient: 'https://signin.amazonaws-us-gov.com/saml' });
    const e = await result.then(() => new Error('expected a refusal'), (err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toMatch(/another partition/);
    expect(samlCalls()).toBe(before);
  });

  it('issues working credentials with AssumeRoleWithSAML, audited like OIDC, the assertion nowhere in the DB or logs', async () => {
    const group = `saml-${randomUUID()}`;
    const m = await samlMapping(group);
    const { context, raw, result } = await issue(group, m.id, 3600);
    const issued = await result;
    const sts = new STSClient({ region: 'us-east-1', endpoint: stack.aws.url, credentials: issued.credentials });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:sts::111122223333:assumed-role/SamlDeveloper/sam@example.com');
    expect(issued.durationSeconds).toBe(3600);
    expect(issued.notice).toBeUndefined();
    const events = await db.auditEvent.findMany({ where: { requestId: context.requestId }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['ISSUE_REQUESTED', 'ISSUE_SUCCEEDED']);
    expect(events[0]).toMatchObject({ idpKind: 'SAML', roleArn: ROLE, sessionName: 'sam@example.com' });
    const dump = JSON.stringify(events, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    expect(dump).not.toContain(raw.slice(100, 160));
    expect(logLines.join('\n')).not.toContain(raw.slice(100, 160));
  });

  it('caps the duration at the IdP SessionDuration and says so', async () => {
    const group = `saml-${randomUUID()}`;
    const m = await samlMapping(group);
    const attrs = input(null, 'ISSUANCE').attributes;
    const { result } = await issue(group, m.id, 7200, { attributes: { ...attrs, 'https://aws.amazon.com/SAML/Attributes/SessionDuration': ['1800'] } });
    const issued = await result;
    expect(issued.durationSeconds).toBe(1800);
    expect(issued.notice).toMatch(/IdP session limits duration to 30 minutes/);
    expect((issued.credentials.expiration.getTime() - Date.now()) / 1000).toBeLessThanOrEqual(1801);
  });

  it('refuses when the IdP did not include the role, with nothing sent to AWS', async () => {
    const group = `saml-${randomUUID()}`;
    const m = await samlMapping(group);
    const before = samlCalls();
    const attrs = input(null, 'ISSUANCE').attributes;
    const { result } = await issue(group, m.id, 900, { attributes: { ...attrs, 'https://aws.amazon.com/SAML/Attributes/Role': [`arn:aws:iam::111122223333:role/Other,${PROVIDER}`] } });
    const e = await result.then(() => new Error('expected a refusal'), (err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toMatch(/did not include this role/);
    expect(samlCalls()).toBe(before);
  });

  it('records every SAML issuance refusal as ISSUE_DENIED, exactly like the OIDC path', async () => {
    const before = samlCalls();
    const reasonsOf = async (requestId: string) =>
      (await db.auditEvent.findMany({ where: { requestId } })).map((x) => [x.type, (x.details as { reason?: string }).reason]);
    // Not entitled (the person's groups do not include the mapping's).
    const group = `saml-${randomUUID()}`;
    const m = await samlMapping(group);
    const notMine = await issue(`other-${randomUUID()}`, m.id, 900);
    await notMine.result.catch(() => undefined);
    expect(await reasonsOf(notMine.context.requestId)).toEqual([['ISSUE_DENIED', 'not entitled']]);
    // A disabled mapping.
    const g2 = `saml-${randomUUID()}`;
    const disabled = await samlMapping(g2);
    await db.roleMapping.update({ where: { id: disabled.id }, data: { enabled: false } });
    const off = await issue(g2, disabled.id, 900);
    await off.result.catch(() => undefined);
    expect(await reasonsOf(off.context.requestId)).toEqual([['ISSUE_DENIED', 'mapping disabled']]);
    // Out of bounds (duration over the mapping's maximum).
    const g3 = `saml-${randomUUID()}`;
    const m3 = await samlMapping(g3, { maxDurationSeconds: 3600 });
    const long = await issue(g3, m3.id, 7200);
    expect(await long.result.catch((e: unknown) => e)).toMatchObject({ status: 422 });
    expect(await reasonsOf(long.context.requestId)).toEqual([['ISSUE_DENIED', 'out of bounds']]);
    // The IdP left the role out of the assertion.
    const g4 = `saml-${randomUUID()}`;
    const m4 = await samlMapping(g4);
    const attrs = input(null, 'ISSUANCE').attributes;
    const missing = await issue(g4, m4.id, 900, { attributes: { ...attrs, 'https://aws.amazon.com/SAML/Attributes/Role': [`arn:aws:iam::111122223333:role/Other,${PROVIDER}`] } });
    await missing.result.catch(() => undefined);
    expect(await reasonsOf(missing.context.requestId)).toEqual([['ISSUE_DENIED', 'saml role missing']]);
    expect(samlCalls()).toBe(before);
  });

  it('refuses at the pre-check (before the IdP round trip) with the same audit: wrong sign-in, bounds, no provider', async () => {
    const reasonOf = async (requestId: string) => (await db.auditEvent.findFirst({ where: { requestId } }))?.details;
    const group = `saml-${randomUUID()}`;
    const m = await samlMapping(group, { samlProviderArn: null });
    const c1 = ctx();
    await expect(checkSamlIssuable({ actor: actor([group]), request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context: c1, deps: deps() })).rejects.toMatchObject({ status: 502 });
    expect(await reasonOf(c1.requestId)).toMatchObject({ reason: 'saml misconfigured' });
    const c2 = ctx();
    await expect(checkSamlIssuable({ actor: actor([group]), request: { mappingId: m.id, durationSeconds: 60, region: 'us-east-1' }, context: c2, deps: deps() })).rejects.toMatchObject({ status: 422 });
    expect(await reasonOf(c2.requestId)).toMatchObject({ reason: 'out of bounds' });
    const c3 = ctx();
    const oidcPerson: Actor = { ...actor([group]), idpKind: 'OIDC' };
    await expect(checkSamlIssuable({ actor: oidcPerson, request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context: c3, deps: deps() })).rejects.toMatchObject({ status: 422 });
    expect(await reasonOf(c3.requestId)).toMatchObject({ reason: 'wrong sign-in' });
  });

  it('refuses sign-in-audience responses for an issuance request, and issuance ones for a sign-in request', async () => {
    const before = samlCalls();
    const id = await newRequest('ISSUANCE', { mappingId: randomUUID(), durationSeconds: 900, region: 'us-east-1' }, 's');
    await refused(signedResponse(input(id, 'SIGN_IN'), stack.saml.key).base64, ['wrong_audience', 'wrong_recipient']);
    const id2 = await newRequest('SIGN_IN');
    await refused(signedResponse(input(id2, 'ISSUANCE'), stack.saml.key).base64, ['wrong_audience', 'wrong_recipient']);
    expect(samlCalls()).toBe(before);
  });
});
