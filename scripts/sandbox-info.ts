// `npm run -s sandbox:info` — the sandbox's addresses, demo people and roles as JSON, for scripts.
import { accountOfArn, loadWorld } from '../sandbox/aws/world';
import { DEMO_PEOPLE } from '../sandbox/people';
import { sandboxDatabaseUrls, sandboxSettings } from '../sandbox/settings';

const s = sandboxSettings(process.env);
const world = loadWorld(s.worldFile, { OIDC_ISSUER: s.oidcIssuer, OIDC_CLIENT_ID: s.oidcClientId, SAML_METADATA_URL: s.samlMetadataUrl, BROKER_ISSUER: s.brokerIssuer, BROKER_SAML_METADATA_URL: s.samlBrokerMetadataUrl });
const info = {
  portalUrl: s.portalUrl,
  oidcIssuer: s.oidcIssuer,
  oidcClientId: s.oidcClientId,
  samlIdp: { metadataUrl: s.samlMetadataUrl, ssoUrl: `${s.samlBaseUrl}/sso` },
  awsEndpoint: s.awsUrl,
  ...sandboxDatabaseUrls(process.env, s),
  people: DEMO_PEOPLE.map((p) => ({ username: p.username, password: p.password, name: p.name, email: p.email, groups: p.groups, idp: p.idp })),
  roles: world.roles.map((r) => ({ arn: r.arn, account: accountOfArn(r.arn), maxSessionDuration: r.maxSessionDuration })),
};
process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
