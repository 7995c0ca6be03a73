// Pure: a decoded authorization message (STS DecodeAuthorizationMessage's DecodedMessage) read
// and put in words. AWS's document: `allowed`, `explicitDeny` ("Whether the request was denied
// due to an explicit deny or due to the absence of an explicit allow"), `matchedStatements.items[]`
// (statementId, effect, principals, principalGroups, actions, resources, conditions),
// `failures.items[]`, and `context` — the principal who made the request ({id, arn}), the
// action, the resource and the condition keys' values (`conditions.items[] {key, values.items[] {value}}`)
// (STS API Reference, DecodeAuthorizationMessage). The decoded document does not name the policy
// type; AWS's plain error text does (read-denial-text.ts). Without it, a matched DENY statement
// whose principals name the refused role's id is one of the role's own (identity-based) policies.
import { z } from 'zod';
import type { PolicyType } from './read-denial-text';

const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item).default([]) }).default({ items: [] });
const value = z.object({ value: z.string() });

const DecodedSchema = z.looseObject({
  allowed: z.boolean(),
  explicitDeny: z.boolean(),
  matchedStatements: items(
    z.looseObject({
      statementId: z.string().default(''),
      effect: z.string().default(''),
      principals: items(value),
      principalGroups: items(value),
      actions: items(value),
      resources: items(value),
      conditions: items(z.looseObject({ key: z.string(), values: items(value) })),
    }),
  ),
  failures: items(value),
  context: z.looseObject({
    principal: z.looseObject({ id: z.string().default(''), arn: z.string().default('') }),
    action: z.string().default(''),
    resource: z.string().default(''),
    conditions: items(z.looseObject({ key: z.string(), values: items(value) })),
  }),
});
export type DecodedMessage = z.output<typeof DecodedSchema>;

export interface DecodedExplanation {
  allowed: boolean;
  explicitDeny: boolean;
  /** One sentence: what refused it. */
  verdict: string;
  principalArn: string;
  /** The role session, when the principal is one (`arn:…:sts::<acct>:assumed-role/<role>/<session>`). */
  session: { accountId: string; roleName: string; sessionName: string } | null;
  action: string;
  resource: string;
  policyType: PolicyType | null;
  /** How the policy type is known: AWS's own error text, the matched statement, or not at all. */
  policyTypeSource: 'aws-text' | 'matched-statement' | null;
  statements: Array<{ statementId: string; effect: string; actions: string[]; resources: string[]; conditions: string[] }>;
  context: Array<{ key: string; values: string[] }>;
}

const ASSUMED_ROLE = /^arn:(?:aws|aws-cn|aws-us-gov):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/([\w+=,.@-]+)$/;

export function parseAssumedRoleArn(arn: string): DecodedExplanation['session'] {
  const m = ASSUMED_ROLE.exec(arn);
  return m?.[1] && m[2] && m[3] ? { accountId: m[1], roleName: m[2], sessionName: m[3] } : null;
}

/** The decoded JSON text, validated; null when it is not AWS's document. */
export function parseDecodedMessage(text: string): DecodedMessage | null {
  try {
    const r = DecodedSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export function explainDecodedMessage(d: DecodedMessage, stated: { policyType: PolicyType | null }): DecodedExplanation {
  const statements = d.matchedStatements.items.map((s) => ({
    statementId: s.statementId,
    effect: s.effect.toUpperCase(),
    actions: s.actions.items.map((a) => a.value),
    resources: s.resources.items.map((r) => r.value),
    conditions: s.conditions.items.map((c) => `${c.key} ${c.values.items.map((v) => v.value).join(', ')}`),
  }));
  const roleId = d.context.principal.id.split(':')[0] ?? '';
  const denyOfRole = d.matchedStatements.items.some((s) => s.effect.toUpperCase() === 'DENY' && roleId !== '' && s.principals.items.some((p) => p.value === roleId));
  const policyType: PolicyType | null = stated.policyType ?? (d.explicitDeny && denyOfRole ? 'identity-based policy' : null);
  const where = policyType ? ` in ${/^[aeiou]/i.test(policyType) ? 'an' : 'a'} ${policyType}` : '';
  const verdict = d.allowed
    ? 'AWS allowed this request: the message does not describe a refusal.'
    : d.explicitDeny
      ? `An explicit deny${where} refused it: a Deny statement matched, and a Deny wins over every Allow.`
      : `No policy allowed it${policyType ? ` (AWS names the ${policyType})` : ''}: nothing denied it explicitly, but no Allow statement matched (an implicit deny).`;
  return {
    allowed: d.allowed,
    explicitDeny: d.explicitDeny,
    verdict,
    principalArn: d.context.principal.arn,
    session: parseAssumedRoleArn(d.context.principal.arn),
    action: d.context.action,
    resource: d.context.resource,
    policyType,
    policyTypeSource: stated.policyType ? 'aws-text' : policyType ? 'matched-statement' : null,
    statements,
    context: d.context.conditions.items.map((c) => ({ key: c.key, values: c.values.items.map((v) => v.value) })),
  };
}
