// The people of the third-party IdPs (SimpleSAMLphp, Glewlwyd) in the e2e suite, and the roles
// their groups map to in Keyport (seeded by test/third-party/start.ts, as an admin maps them).
import type { ThirdPartyPerson } from './simplesamlphp';

export const SAML_PROVIDER_ARN = 'arn:aws:iam::111122223333:saml-provider/SimpleSAMLphp';
export const SIMPLESAML_ROLE_ARN = 'arn:aws:iam::111122223333:role/SimpleSamlDeveloper';
export const GLEWLWYD_ROLE_ARN = 'arn:aws:iam::111122223333:role/GlewlwydDeveloper';

/** Known to SimpleSAMLphp only. */
export const TESS: ThirdPartyPerson = { username: 'tess', password: 'tess-simplesaml', name: 'Tess Tremblay', email: 'tess@example.com', groups: ['tp-saml-dev', 'tp-everyone'] };
/** Known to Glewlwyd only. */
export const GWEN: ThirdPartyPerson = { username: 'gwen', password: 'gwen-glewlwyd', name: 'Gwen Garcia', email: 'gwen@example.com', groups: ['tp-oidc-dev', 'tp-everyone'] };

export const THIRD_PARTY_MAPPINGS = [
  { idpGroup: 'tp-oidc-dev', idpKind: 'OIDC', roleArn: GLEWLWYD_ROLE_ARN, roleLabel: 'Glewlwyd developer', samlProviderArn: null },
  { idpGroup: 'tp-saml-dev', idpKind: 'SAML', roleArn: SIMPLESAML_ROLE_ARN, roleLabel: 'SimpleSAMLphp developer', samlProviderArn: SAML_PROVIDER_ARN },
] as const;
