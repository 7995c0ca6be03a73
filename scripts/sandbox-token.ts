// `npm run -s sandbox:token -- <username>` — prints only a fresh ID token for that demo person,
// obtained through the running sandbox IdP's real sign-in flow (code + PKCE).
import { getIdToken } from '../sandbox/oidc/get-id-token';
import { DEMO_PEOPLE, findDemoPerson } from '../sandbox/people';
import { sandboxSettings } from '../sandbox/settings';

const username = process.argv[2];
const person = username ? findDemoPerson(username) : undefined;
if (!person) {
  process.stderr.write(`usage: npm run -s sandbox:token -- <username>   (one of: ${DEMO_PEOPLE.map((p) => p.username).join(', ')})\n`);
  process.exit(2);
}
const s = sandboxSettings(process.env);
try {
  const { idToken } = await getIdToken({
    issuer: s.oidcIssuer,
    clientId: s.oidcClientId,
    clientSecret: s.oidcClientSecret,
    redirectUri: `${s.portalUrl}/api/auth/callback/oidc`,
    username: person.username,
    password: person.password,
  });
  process.stdout.write(`${idToken}\n`);
} catch (e) {
  const reason = e instanceof Error ? e.message : String(e);
  const hint = /ECONNREFUSED|fetch failed/.test(reason) ? ' — is the sandbox running? Start it with `npm start`.' : '';
  process.stderr.write(`could not get a token from ${s.oidcIssuer}: ${reason}${hint}\n`);
  process.exit(1);
}
