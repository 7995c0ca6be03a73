// `npm run -s sandbox:token -- <username> --role <role ARN>` — prints only a web identity token
// Keyport mints for that demo person and role (broker mode: what AWS trusts), after the same
// entitlement check issuance makes; refused, with the reason, when the person is not mapped to the
// role or the mapping is passthrough. The person is whoever the running sandbox IdP signs in (real
// code + PKCE sign-in), so groups changed in the IdP's people admin count.
// `npm run -s sandbox:token -- <username> --idp` (or no --role) — prints the raw IdP ID token, as
// before: what a passthrough role trusts, and what broker-mode roles refuse.
import { parseArgs } from 'node:util';
import { decodeJwt } from 'jose';
import pg from 'pg';
import { identityFromClaims } from '../lib/auth/claims';
import { issueBrokerToken } from '../lib/broker/issue-broker-token';
import { readBrokerKeys } from '../lib/broker/read-broker-keys';
import { TAGGABLE_ATTRIBUTES, type TaggableAttribute } from '../lib/broker/session-tags';
import { resolveEntitlements } from '../lib/entitlements/resolve-entitlements';
import { deriveRoleSessionName } from '../lib/identity/derive-role-session-name';
import { createPrismaClient } from '../lib/db/create-client';
import { resolveFederationMode } from '../lib/issuance/modes/resolve-federation-mode';
import { findPersonRevocation } from '../lib/revocation/find-person-revocation';
import { getIdToken } from '../sandbox/oidc/get-id-token';
import { DEMO_PEOPLE, findDemoPerson } from '../sandbox/people';
import { embeddedDatabaseUrl, sandboxSettings } from '../sandbox/settings';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { role: { type: 'string' }, idp: { type: 'boolean', default: false } } });
const username = positionals[0];
const person = username ? findDemoPerson(username) : undefined;
const usage = `usage: npm run -s sandbox:token -- <username> --role <role ARN> | --idp   (one of: ${DEMO_PEOPLE.map((p) => p.username).join(', ')})\n`;
if (!person || (values.idp && values.role)) {
  process.stderr.write(usage);
  process.exit(2);
}
const fail = (message: string, code = 1): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

const s = sandboxSettings(process.env);
let idToken = '';
try {
  ({ idToken } = await getIdToken({
    issuer: s.oidcIssuer,
    clientId: s.oidcClientId,
    clientSecret: s.oidcClientSecret,
    redirectUri: `${s.portalUrl}/api/auth/callback/oidc`,
    username: person.username,
    password: person.password,
  }));
} catch (e) {
  const reason = e instanceof Error ? e.message : String(e);
  const hint = /ECONNREFUSED|fetch failed/.test(reason) ? ' — is the sandbox running? Start it with `npm start`.' : '';
  fail(`could not sign ${person.username} in at ${s.oidcIssuer}: ${reason}${hint}`);
}
if (!values.role) {
  process.stdout.write(`${idToken}\n`);
  process.exit(0);
}

const roleArn = values.role;
const id = identityFromClaims(decodeJwt(idToken) as Record<string, unknown>, 'groups');
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL || embeddedDatabaseUrl(s), max: 1 });
try {
  const { rows } = await pool.query<{ id: string; idpGroup: string; idpKind: 'OIDC' | 'SAML' | 'BOTH'; roleArn: string; enabled: boolean; maxDurationSeconds: number; federationMode: string | null; sessionTagAttributes: string[] }>(
    `SELECT "id", "idp_group" AS "idpGroup", "idp_kind" AS "idpKind", "role_arn" AS "roleArn", "enabled", "max_duration_seconds" AS "maxDurationSeconds", "federation_mode" AS "federationMode",
            coalesce("session_tag_attributes", '{}') AS "sessionTagAttributes"
       FROM "role_mappings" WHERE "enabled" AND "role_arn" = $1`,
    [roleArn],
  );
  const entitlement = resolveEntitlements({ groups: id.groups, idpKind: 'OIDC', mappings: rows })[0];
  if (!entitlement) fail(`refused: ${person.username} is not mapped to ${roleArn} (none of their groups — ${id.groups.join(', ') || 'none'} — maps to it in Keyport, or the mapping is switched off)`);
  const m = entitlement?.mapping;
  if (!m) process.exit(1);
  // The same person-revocation block issuance applies (find-person-revocation.ts).
  const db = createPrismaClient(process.env.DATABASE_URL || embeddedDatabaseUrl(s), { max: 1 });
  const revocation = await findPersonRevocation(db, { sub: id.sub, email: id.email }).finally(() => db.$disconnect());
  if (revocation) fail(`refused: ${person.username} is revoked (revocation ${revocation.id}, by ${revocation.createdByName}: “${revocation.reason}”)`);
  if (resolveFederationMode(m.federationMode, process.env.FEDERATION_MODE === 'passthrough' ? 'passthrough' : 'broker') === 'passthrough') {
    fail(`refused: the mapping of ${roleArn} is in passthrough mode (its role trusts the IdP, not Keyport): use --idp for the IdP's own token`);
  }
  const sessionName = deriveRoleSessionName({ verifiedEmail: id.emailVerified ? id.email : null, sub: id.sub });
  const minted = await issueBrokerToken({
    keys: await readBrokerKeys({ kind: 'file', path: s.brokerKeysFile }),
    issuer: s.brokerIssuer,
    audience: 'sts.amazonaws.com',
    roleArn,
    tagSource: { person: sessionName, verifiedEmail: id.emailVerified ? id.email : null, mappingId: m.id, name: id.name, username: id.username, groups: id.groups, idpKind: 'OIDC' },
    tagAttributes: m.sessionTagAttributes.filter((a): a is TaggableAttribute => (TAGGABLE_ATTRIBUTES as readonly string[]).includes(a)),
    now: new Date(),
  });
  process.stdout.write(`${minted.token}\n`);
} catch (e) {
  fail(`could not mint a token: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  await pool.end();
}
