// STS AssumeRoleWithWebIdentity: unsigned, like AWS. The OIDC token is the proof: its issuer must
// be an OIDC provider of the role's account, its signature must verify against the issuer's JWKS,
// its audience must be a registered client id, it must be current, and the role's trust policy
// must let that provider (with these aud/sub/amr claims) assume the role.
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { assertRegionEnabled, type ActionContext, type Params } from './actions';
import { checkRoleSessionName, readCommonParams, resolveRole, type CommonAssumeParams } from './assume-role-params';
import { accessDenied, expiredTokenException, idpCommunicationError, invalidIdentityToken } from './errors';
import { IdpUnreachableError, type OidcKeyResolver } from './oidc-keys';
import type { ContextValue } from './policy';
import { assumedRoleUserXml, credentialsXml, issueSession } from './session-issue';
import { readSourceIdentityClaim, readTagsClaim, requestTagKeys, checkPackedSize, SOURCE_IDENTITY_CLAIM, TAGS_CLAIM } from './session-tags';
import { firstRefusedAction, globalKeys } from './trust';
import { checkString, Violations } from './validation';
import { accountOfArn, oidcProviderArn, withoutScheme } from './world';
import { el, type XmlChild } from './xml';

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
/** Tolerance for iat/nbf slightly in the future (IdP and STS clocks differ a little). */
const CLOCK_LEEWAY_SECONDS = 300;

const NOT_A_JWT = 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';
const NOT_VALIDATED =
  'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.';

export interface WebIdentityDeps {
  keys: OidcKeyResolver;
}

function decodeOrReject(token: string): JWTPayload {
  try {
    decodeProtectedHeader(token);
    return decodeJwt(token);
  } catch {
    throw invalidIdentityToken(NOT_A_JWT);
  }
}

function audiences(payload: JWTPayload): string[] {
  if (typeof payload.aud === 'string') return [payload.aud];
  if (Array.isArray(payload.aud)) return payload.aud.filter((a): a is string => typeof a === 'string');
  return [];
}

function stringClaim(payload: JWTPayload, name: string): ContextValue {
  const value = payload[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

/** Token problems are InvalidIdentityToken; failing to reach the IdP is IDPCommunicationError. */
async function verifyToken(token: string, issuer: string, deps: WebIdentityDeps, now: Date): Promise<JWTPayload> {
  try {
    const keySet = await deps.keys.keySet(issuer);
    const { payload } = await jwtVerify(token, keySet, { algorithms: ALGORITHMS, currentDate: now });
    return payload;
  } catch (e) {
    if (e instanceof IdpUnreachableError) throw idpCommunicationError();
    if (e instanceof joseErrors.JWTExpired) {
      const exp = typeof e.payload.exp === 'number' ? e.payload.exp : 0;
      throw expiredTokenException(
        `Token expired: current date/time ${Math.floor(now.getTime() / 1000)} must be before the expiration date/time ${exp}`,
      );
    }
    if (
      e instanceof joseErrors.JWSSignatureVerificationFailed ||
      e instanceof joseErrors.JWKSNoMatchingKey ||
      e instanceof joseErrors.JWKSMultipleMatchingKeys ||
      e instanceof joseErrors.JOSEAlgNotAllowed ||
      e instanceof joseErrors.JOSENotSupported ||
      e instanceof joseErrors.JWSInvalid ||
      e instanceof joseErrors.JWTInvalid
    ) {
      throw invalidIdentityToken(NOT_VALIDATED);
    }
    if (e instanceof joseErrors.JWTClaimValidationFailed) {
      throw invalidIdentityToken(e.claim === 'nbf' ? 'Token is not valid yet (nbf is in the future)' : NOT_VALIDATED);
    }
    // Anything else happened while fetching keys (network error, non-200, bad JWKS, timeout).
    throw idpCommunicationError();
  }
}

export async function assumeRoleWithWebIdentity(params: Params, ctx: ActionContext, deps: WebIdentityDeps): Promise<XmlChild[]> {
  const v = new Violations();
  const common = readCommonParams(params, v);
  const sessionName = params.get('RoleSessionName');
  checkRoleSessionName(v, sessionName);
  const token = params.get('WebIdentityToken');
  checkString(v, token, 'webIdentityToken', { required: true, min: 4, max: 20000, secret: true });
  v.throwIfAny();
  // After throwIfAny the required members are present.
  const roleArn = common.roleArn ?? '';
  const name = sessionName ?? '';
  const jwt = token ?? '';
  ctx.logFields['roleArn'] = roleArn;

  const commonParams: CommonAssumeParams = {
    roleArn,
    durationSeconds: common.durationSeconds ?? 3600,
    policy: common.policy,
    policyArns: common.policyArns,
  };
  const { role, session } = resolveRole(ctx.world, 'AssumeRoleWithWebIdentity', commonParams);
  const account = accountOfArn(role.arn);
  assertRegionEnabled(ctx, account);

  const unverified = decodeOrReject(jwt);
  const iss = typeof unverified.iss === 'string' ? unverified.iss : '';
  const provider = ctx.world.oidcProviders.find((p) => p.account === account && withoutScheme(p.url) === withoutScheme(iss));
  if (provider === undefined || iss === '') {
    throw invalidIdentityToken(`No OpenIDConnect provider found in your account for ${iss}`);
  }

  const now = ctx.now();
  const payload = await verifyToken(jwt, iss, deps, now);
  const audience = audiences(payload).find((a) => provider.clientIds.includes(a));
  if (audience === undefined) throw invalidIdentityToken('Incorrect token audience');
  if (typeof payload.exp !== 'number') throw invalidIdentityToken('Token has no expiration (exp)');
  if (typeof payload.sub !== 'string' || payload.sub === '') throw invalidIdentityToken('Token has no subject (sub)');
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (typeof payload.iat === 'number' && payload.iat > nowSeconds + CLOCK_LEEWAY_SECONDS) {
    throw invalidIdentityToken('Token was issued in the future (iat)');
  }

  const incomingTags = readTagsClaim(payload[TAGS_CLAIM]);
  const sourceIdentity = readSourceIdentityClaim(payload[SOURCE_IDENTITY_CLAIM]);
  const packedSize = incomingTags === undefined ? session.packedPolicySize : checkPackedSize((session.compact?.length ?? 0) + commonParams.policyArns.join('').length, incomingTags.tags);

  const providerArn = oidcProviderArn(provider);
  const host = withoutScheme(provider.url);
  const keys: Record<string, ContextValue> = {
    ...globalKeys(now, ctx.region, ctx.sourceIp),
    'aws:FederatedProvider': providerArn,
    'sts:RoleSessionName': name,
    [`${host}:aud`]: audience,
    [`${host}:sub`]: payload.sub,
    [`${host}:amr`]: stringClaim(payload, 'amr'),
    [`${host}:azp`]: stringClaim(payload, 'azp'),
    [`${host}:email`]: stringClaim(payload, 'email'),
    ...requestTagKeys(incomingTags, sourceIdentity),
  };
  const refused = firstRefusedAction({ role, action: 'sts:AssumeRoleWithWebIdentity', providerArn, keys, tagged: incomingTags !== undefined, sourceIdentity: sourceIdentity !== undefined });
  if (refused !== undefined) throw accessDenied(`Not authorized to perform ${refused}`);

  const issued = issueSession(ctx.state, {
    role,
    sessionName: name,
    durationSeconds: commonParams.durationSeconds,
    provider: providerArn,
    subject: payload.sub,
    ...(session.compact === undefined ? {} : { sessionPolicy: session.compact }),
    ...(incomingTags === undefined ? {} : { tags: incomingTags.tags, transitiveTagKeys: incomingTags.transitiveTagKeys }),
    ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
    now,
  });
  ctx.logFields['accessKeyId'] = issued.session.accessKeyId;
  if (sourceIdentity !== undefined) ctx.logFields['sourceIdentity'] = sourceIdentity;
  return [
    credentialsXml(issued),
    el('SubjectFromWebIdentityToken', payload.sub),
    assumedRoleUserXml(issued.session),
    el('PackedPolicySize', packedSize),
    el('Provider', providerArn),
    el('Audience', audience),
    el('SourceIdentity', sourceIdentity),
  ];
}
