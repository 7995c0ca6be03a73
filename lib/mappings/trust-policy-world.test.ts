// The sandbox AWS roles carry exactly the trust policy the editor prints — in broker mode for the
// roles that trust Keyport, in passthrough mode for the others — except DataScienceLegacy, which
// is wrong on purpose so the AccessDenied explanation can be seen.
import { describe, expect, it } from 'vitest';
import raw from '@/sandbox/world.json';
import { accountOfArn, parseWorld, samlProviderArn, type WorldRole } from '@/sandbox/aws/world';
import { chainTargetTrustPolicy, hubPermissionsPolicy, keyportServiceRoleTrustPolicy } from './chain-trust-policy';
import { trustPolicyFor } from './trust-policy';

const HUB = 'arn:aws:iam::111122223333:role/KeyportHub';
const TARGET = 'arn:aws:iam::777788889999:role/SharedServicesReadOnly';
const SANDBOX_ADMIN = 'arn:aws:iam::111122223333:user/sandbox-admin';

/** Which IdP kinds a role's trust policy serves, by the STS actions it allows. */
function kindOf(role: WorldRole): 'OIDC' | 'SAML' | 'BOTH' {
  const text = JSON.stringify(role.trustPolicy);
  const oidc = text.includes('sts:AssumeRoleWithWebIdentity');
  const saml = text.includes('sts:AssumeRoleWithSAML');
  return oidc && saml ? 'BOTH' : saml ? 'SAML' : 'OIDC';
}

describe('sandbox/world.json trust policies', () => {
  for (const vars of [
    { OIDC_ISSUER: 'http://localhost:4001', OIDC_CLIENT_ID: 'keyport', SAML_METADATA_URL: 'http://localhost:4002/metadata', BROKER_ISSUER: 'http://localhost:3000/oidc' },
    { OIDC_ISSUER: 'https://idp.example.com/realms/corp', OIDC_CLIENT_ID: 'keyport-prod', SAML_METADATA_URL: 'https://idp.example.com/saml/metadata', BROKER_ISSUER: 'https://keyport.example.com/oidc' },
  ]) {
    it(`equal the generator output for issuer ${vars.OIDC_ISSUER}`, () => {
      const world = parseWorld(raw, vars);
      expect(world.roles.length).toBeGreaterThan(3);
      const brokerHost = vars.BROKER_ISSUER.replace(/^https?:\/\//, '');
      const brokerRoles = world.roles.filter((r) => JSON.stringify(r.trustPolicy).includes(`oidc-provider/${brokerHost}"`)).map((r) => r.arn.split('/').pop());
      expect(brokerRoles).toEqual(['ProdReadOnly', 'ProdAdmin', 'SecurityAudit', 'RevocationDrill', 'KeyportHub']);
      const samlBrokerRoles = world.roles.filter((r) => JSON.stringify(r.trustPolicy).includes('saml-provider/KeyportBroker"')).map((r) => r.arn.split('/').pop());
      expect(samlBrokerRoles).toEqual(['BrokerSamlDeveloper']);
      // Role chaining and the roles Keyport assumes itself: AWS principals, from their own generators.
      expect(world.roles.find((r) => r.arn === TARGET)?.trustPolicy).toEqual(chainTargetTrustPolicy({ hubRoleArn: HUB }));
      expect(world.roles.find((r) => r.arn === HUB)?.inlinePolicies['AssumeChainTargets']).toEqual(hubPermissionsPolicy({ targetRoleArns: [TARGET] }));
      const own = world.roles.filter((r) => /\/Keyport(Revocation|Decoder)$/.test(r.arn));
      expect(own.length).toBe(6);
      for (const role of own) expect(role.trustPolicy, role.arn).toEqual(keyportServiceRoleTrustPolicy({ keyportPrincipalArn: SANDBOX_ADMIN }));
      for (const role of world.roles) {
        if (role.arn === TARGET || own.includes(role)) continue;
        const broker = brokerRoles.includes(role.arn.split('/').pop()) ? { issuer: vars.BROKER_ISSUER, audience: 'sts.amazonaws.com' } : null;
        const samlBroker = samlBrokerRoles.includes(role.arn.split('/').pop());
        const provider = world.samlProviders.find((p) => p.account === accountOfArn(role.arn) && (p.name === 'KeyportBroker') === samlBroker);
        const generated = trustPolicyFor({
          idpKind: kindOf(role),
          roleArn: role.arn,
          issuer: vars.OIDC_ISSUER,
          clientId: vars.OIDC_CLIENT_ID,
          samlProviderArn: provider ? samlProviderArn(provider) : null,
          broker,
          samlBroker,
        });
        if (role.arn.endsWith('/DataScienceLegacy')) expect(role.trustPolicy, role.arn).not.toEqual(generated);
        else expect(role.trustPolicy, role.arn).toEqual(generated);
      }
    });
  }
});
