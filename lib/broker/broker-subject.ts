// Pure: the `sub` of a web identity token Keyport mints, and the trust-policy pattern that admits
// only tokens minted for one role.
//
// `role:<roleArn>:person:<person>`. AWS exposes the claim as the `<issuer>:sub` condition key of
// AssumeRoleWithWebIdentity (IAM User Guide, "Available keys for AWS OIDC federation",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif),
// so a trust policy can say StringLike `<issuer>:sub` = `role:<its own ARN>:person:*`.
// Why this cannot admit a token minted for another role: Keyport refuses role ARNs whose resource
// part (`role/<path>/<name>`) holds a `:`, `*` or `?` (IAM names are `[\w+=,.@-]`), so in a subject
// the first `:person:` after `role:arn:<partition>:iam::<account>:` is where the ARN ends, and the
// pattern of role A (`role:<A>:person:*`) can only match a subject that starts with exactly A.
// The person is the RoleSessionName derived from the verified identity (`[\w+=,.@-]{2,64}`, no `:`,
// distinct per person), the same name the assumed-role ARN and CloudTrail show.
// AWS returns the claim as SubjectFromWebIdentityToken, 6–255 characters
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html).
export const SUBJECT_MAX_LENGTH = 255;

const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/[^:*?\s]+$/;
const PERSON = /^[\w+=,.@-]{2,64}$/;

export class BrokerSubjectError extends Error {
  override name = 'BrokerSubjectError';
}

export function brokerSubject(opts: { roleArn: string; person: string }): string {
  if (!ROLE_ARN.test(opts.roleArn)) throw new BrokerSubjectError(`not a role ARN Keyport can name in a token: ${opts.roleArn}`);
  if (!PERSON.test(opts.person)) throw new BrokerSubjectError('the person part must be a RoleSessionName ([\\w+=,.@-]{2,64})');
  const sub = `role:${opts.roleArn}:person:${opts.person}`;
  if (sub.length > SUBJECT_MAX_LENGTH) throw new BrokerSubjectError(`the role ARN is too long for a token subject (${sub.length} > ${SUBJECT_MAX_LENGTH} characters)`);
  return sub;
}

/** The StringLike value of `<issuer>:sub` that admits exactly the tokens minted for `roleArn`. */
export function brokerSubjectPattern(roleArn: string): string {
  return `role:${roleArn}:person:*`;
}

/** Reads a subject back (for the sandbox and tests); undefined when it is not one of Keyport's. */
export function parseBrokerSubject(sub: string): { roleArn: string; person: string } | undefined {
  const m = /^role:(arn:[^:]+:iam::\d{12}:role\/[^:]+):person:([\w+=,.@-]{2,64})$/.exec(sub);
  if (!m?.[1] || !m[2]) return undefined;
  return { roleArn: m[1], person: m[2] };
}
