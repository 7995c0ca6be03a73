// The demo people of the sandbox IdPs. Shared by the OIDC IdP, the SAML IdP, the seed,
// `sandbox:info` and the tests, so a demo sign-in printed in the banner always works.
export interface DemoPerson {
  username: string;
  password: string;
  name: string;
  email: string;
  groups: string[];
  /** Which sandbox IdP knows this person. */
  idp: 'oidc' | 'saml' | 'both';
  note: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    username: 'alice',
    password: 'alice-sandbox',
    name: 'Alice Anders',
    email: 'alice@example.com',
    groups: ['engineering', 'eng-oncall'],
    idp: 'both',
    note: 'engineer: dev roles, prod read-only',
  },
  {
    username: 'adam',
    password: 'adam-sandbox',
    name: 'Adam Admin',
    email: 'adam@example.com',
    groups: ['keyport-admins', 'platform-team'],
    idp: 'both',
    note: 'Keyport admin: maps groups to roles; prod admin role',
  },
  {
    username: 'rita',
    password: 'rita-sandbox',
    name: 'Rita Reviewer',
    email: 'rita@example.com',
    groups: ['security-reviewers'],
    idp: 'both',
    note: 'security reviewer: audit search, revocation',
  },
  {
    username: 'rory',
    password: 'rory-sandbox',
    name: 'Rory Second-Reviewer',
    email: 'rory@example.com',
    groups: ['security-reviewers'],
    idp: 'both',
    note: 'second security reviewer (the drills revoke him: nobody lifts their own revocation)',
  },
  {
    username: 'erin',
    password: 'erin-sandbox',
    name: 'Erin Engstrom',
    email: 'erin@example.com',
    groups: ['engineering'],
    idp: 'both',
    note: 'second engineer (the admin e2e gives her new groups)',
  },
  {
    username: 'dana',
    password: 'dana-sandbox',
    name: 'Dana Drill',
    email: 'dana@example.com',
    groups: ['engineering'],
    idp: 'both',
    note: 'engineer whose sessions the revocation drills revoke',
  },
  {
    username: 'mia',
    password: 'mia-sandbox',
    name: 'Mia Multi',
    email: 'mia@example.com',
    groups: ['engineering'],
    idp: 'both',
    note: 'engineer the many-instances e2e issues for (its rate limit)',
  },
  {
    username: 'remy',
    password: 'remy-sandbox',
    name: 'Remy Revoked',
    email: 'remy@example.com',
    groups: ['engineering'],
    idp: 'both',
    note: 'engineer the many-instances e2e revokes',
  },
  {
    username: 'chet',
    password: 'chet-sandbox',
    name: 'Chet Chain',
    email: 'chet@example.com',
    groups: ['eng-oncall'],
    idp: 'both',
    note: 'on-call engineer whose chained (shared-services) session the role-chaining e2e revokes',
  },
  {
    username: 'cleo',
    password: 'cleo-sandbox',
    name: 'Cleo Console',
    email: 'cleo@example.com',
    groups: ['engineering', 'eng-oncall'],
    idp: 'both',
    note: 'engineer the keyport CLI e2e signs in (loopback login, configure, the AWS CLI)',
  },
  {
    username: 'cora',
    password: 'cora-sandbox',
    name: 'Cora Device',
    email: 'cora@example.com',
    groups: ['engineering', 'eng-oncall'],
    idp: 'both',
    note: 'engineer the keyport CLI e2e signs in with a device code, then logs out',
  },
  {
    username: 'cory',
    password: 'cory-sandbox',
    name: 'Cory Cutoff',
    email: 'cory@example.com',
    groups: ['engineering', 'eng-oncall'],
    idp: 'both',
    note: 'engineer the keyport CLI e2e revokes (credential-process then refuses)',
  },
  {
    username: 'noah',
    password: 'noah-sandbox',
    name: 'Noah Newhire',
    email: 'noah@example.com',
    groups: ['marketing'],
    idp: 'both',
    note: 'no mapped group: sees the explanation page',
  },
  {
    username: 'sam',
    password: 'sam-sandbox',
    name: 'Sam Samlson',
    email: 'sam@example.com',
    groups: ['saml-engineering'],
    idp: 'saml',
    note: 'SAML only: signs in through the SAML IdP; SAML developer role',
  },
];

export function findDemoPerson(username: string): DemoPerson | undefined {
  return DEMO_PEOPLE.find((p) => p.username === username);
}
