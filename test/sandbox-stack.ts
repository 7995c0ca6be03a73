// Starts the sandbox OIDC IdP, SAML IdP, Keyport's broker issuer and sandbox AWS on free loopback
// ports, for integration tests. Sandbox AWS keeps its issued-session journal in a temporary folder.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { journalPathOf, type IssuedSession } from '../sandbox/aws/state';
import { startBrokerIssuer, type BrokerIssuer } from './broker-issuer';
import { startSandboxAws, type SandboxAws } from '../sandbox/aws/server';
import { loadWorld, type World } from '../sandbox/aws/world';
import { getIdToken } from '../sandbox/oidc/get-id-token';
import { startOidcIdp, type OidcIdp } from '../sandbox/oidc/idp';
import { DEMO_PEOPLE, findDemoPerson } from '../sandbox/people';
import { sandboxAwsRolesFor } from '../sandbox/saml/aws-roles';
import { AWS_SIGNIN_SAML, AWS_SP_ENTITY_ID, startSamlIdp, type SamlIdp } from '../sandbox/saml/idp';

export interface SandboxStack {
  idp: OidcIdp;
  /** The sandbox SAML IdP, registered for a portal at SAML_TEST_PORTAL. */
  saml: SamlIdp;
  aws: SandboxAws;
  /** Keyport's broker issuer: the broker-mode roles of world.json trust it. */
  broker: BrokerIssuer;
  world: World;
  /** Shifts sandbox AWS's clock (ms) relative to real time. */
  setAwsClockOffset(ms: number): void;
  /** The sessions sandbox AWS journalled (tags, source identity …) — never the secrets' use. */
  journal(): IssuedSession[];
  clientId: string;
  tokenFor(username: string): Promise<string>;
  close(): Promise<void>;
}

/** The portal the test SAML IdP answers (nothing listens there: tests post responses themselves). */
export const SAML_TEST_PORTAL = 'http://localhost:3999';

const CLIENT = { clientId: 'keyport', clientSecret: 'integration-secret', redirectUris: ['http://localhost/api/auth/callback/oidc'] };

export async function startSandboxStack(): Promise<SandboxStack> {
  const idp = await startOidcIdp({ clients: [CLIENT], people: DEMO_PEOPLE });
  const acsUrl = `${SAML_TEST_PORTAL}/api/saml/acs`;
  const saml = await startSamlIdp({
    people: DEMO_PEOPLE,
    sps: [
      { entityId: `${SAML_TEST_PORTAL}/api/saml/metadata`, name: 'Keyport', acsUrls: [acsUrl], audience: `${SAML_TEST_PORTAL}/api/saml/metadata`, recipient: 'acs', aws: false },
      { entityId: AWS_SP_ENTITY_ID, name: 'AWS', acsUrls: [acsUrl], audience: AWS_SP_ENTITY_ID, recipient: AWS_SIGNIN_SAML, aws: true },
    ],
    awsRolesFor: sandboxAwsRolesFor,
  });
  const broker = await startBrokerIssuer();
  const world = loadWorld(path.resolve('sandbox/world.json'), { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: CLIENT.clientId, SAML_METADATA_URL: saml.metadataUrl, BROKER_ISSUER: broker.url, BROKER_SAML_METADATA_URL: broker.saml.metadataUrl });
  const dir = mkdtempSync(path.join(tmpdir(), 'keyport-stack-'));
  const statePath = path.join(dir, 'aws-state.json');
  let offset = 0;
  const aws = await startSandboxAws({ world, statePath, now: () => new Date(Date.now() + offset) });
  return {
    idp,
    saml,
    aws,
    broker,
    world,
    setAwsClockOffset(ms) {
      offset = ms;
    },
    journal() {
      let text = '';
      try {
        text = readFileSync(journalPathOf(statePath), 'utf8');
      } catch {
        return [];
      }
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as IssuedSession);
    },
    clientId: CLIENT.clientId,
    async tokenFor(username) {
      const person = findDemoPerson(username);
      if (!person) throw new Error(`unknown demo person ${username}`);
      const t = await getIdToken({ issuer: idp.issuer, clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, redirectUri: CLIENT.redirectUris[0] ?? '', username, password: person.password });
      return t.idToken;
    },
    async close() {
      await aws.close();
      await broker.close();
      await saml.close();
      await idp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
