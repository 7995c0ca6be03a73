// Starts the sandbox OIDC IdP and sandbox AWS on free loopback ports, for integration tests.
import path from 'node:path';
import { startSandboxAws, type SandboxAws } from '../sandbox/aws/server';
import { loadWorld, type World } from '../sandbox/aws/world';
import { getIdToken } from '../sandbox/oidc/get-id-token';
import { startOidcIdp, type OidcIdp } from '../sandbox/oidc/idp';
import { DEMO_PEOPLE, findDemoPerson } from '../sandbox/people';

export interface SandboxStack {
  idp: OidcIdp;
  aws: SandboxAws;
  world: World;
  clientId: string;
  tokenFor(username: string): Promise<string>;
  close(): Promise<void>;
}

const CLIENT = { clientId: 'keyport', clientSecret: 'integration-secret', redirectUris: ['http://localhost/api/auth/callback/oidc'] };

export async function startSandboxStack(): Promise<SandboxStack> {
  const idp = await startOidcIdp({ clients: [CLIENT], people: DEMO_PEOPLE });
  const world = loadWorld(path.resolve('sandbox/world.json'), { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: CLIENT.clientId });
  const aws = await startSandboxAws({ world });
  return {
    idp,
    aws,
    world,
    clientId: CLIENT.clientId,
    async tokenFor(username) {
      const person = findDemoPerson(username);
      if (!person) throw new Error(`unknown demo person ${username}`);
      const t = await getIdToken({ issuer: idp.issuer, clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, redirectUri: CLIENT.redirectUris[0] ?? '', username, password: person.password });
      return t.idToken;
    },
    async close() {
      await aws.close();
      await idp.close();
    },
  };
}
