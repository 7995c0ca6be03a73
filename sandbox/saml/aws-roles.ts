// Which AWS Role attribute values ("roleArn,providerArn") the sandbox SAML IdP sends for a
// person's groups — the IdP side of the sandbox world's SAML roles (sandbox/world.json).
export const SANDBOX_SAML_PROVIDER_ARN = 'arn:aws:iam::111122223333:saml-provider/KeyportSandboxSaml';

export const SANDBOX_SAML_GROUP_ROLES: Readonly<Record<string, readonly string[]>> = {
  'saml-engineering': ['arn:aws:iam::111122223333:role/SamlDeveloper'],
};

export function sandboxAwsRolesFor(groups: readonly string[]): string[] {
  const roles = new Set(groups.flatMap((g) => SANDBOX_SAML_GROUP_ROLES[g] ?? []));
  return [...roles].map((role) => `${role},${SANDBOX_SAML_PROVIDER_ARN}`);
}
