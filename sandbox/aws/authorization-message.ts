// AWS's encoded authorization failure messages, as the sandbox makes and decodes them. A service
// that refuses a request may answer "Encoded authorization failure message: <text>"; the text is
// opaque — "The message is encoded because the details of the authorization status can contain
// privileged information that the user who requested the operation should not see" — and only
// STS DecodeAuthorizationMessage, called in the account of the refused request by a principal
// allowed sts:DecodeAuthorizationMessage, reveals it (STS API Reference,
// https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html).
// The decoded document has AWS's shape: allowed, explicitDeny, matchedStatements.items[] (statementId,
// effect, principals, principalGroups, actions, resources, conditions), failures.items[], and
// context (principal {id, arn}, action, resource, conditions.items[] {key, values.items[] {value}}).
// Here the text is AES-256-GCM under a key of this sandbox process and the account (the account is
// also the associated data), so another account's DecodeAuthorizationMessage cannot open it.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { SessionEvaluation } from './authorize';
import { invalidAuthorizationMessage } from './errors';
import type { ContextValue } from './policy';
import type { IssuedSession } from './state';

type Items<T> = { items: T[] };
const values = (list: readonly string[]): Items<{ value: string }> => ({ items: list.map((value) => ({ value })) });

export interface DecodedAuthorizationMessage {
  allowed: boolean;
  explicitDeny: boolean;
  matchedStatements: Items<{
    statementId: string;
    effect: 'ALLOW' | 'DENY';
    principals: Items<{ value: string }>;
    principalGroups: Items<{ value: string }>;
    actions: Items<{ value: string }>;
    resources: Items<{ value: string }>;
    conditions: Items<{ key: string; values: Items<{ value: string }> }>;
  }>;
  failures: Items<{ value: string }>;
  context: {
    principal: { id: string; arn: string };
    action: string;
    resource: string;
    conditions: Items<{ key: string; values: Items<{ value: string }> }>;
  };
}

/** The decoded document for a refused request of a session. */
export function describeRefusal(session: IssuedSession, action: string, resource: string, evaluation: SessionEvaluation): DecodedAuthorizationMessage {
  const contextKeys = Object.entries(evaluation.keys).flatMap(([key, v]: [string, ContextValue]) => (v === undefined ? [] : [{ key, values: values(typeof v === 'string' ? [v] : [...v]) }]));
  return {
    allowed: evaluation.allowed,
    explicitDeny: evaluation.explicitDeny,
    matchedStatements: {
      items: evaluation.matched.map(({ statement }) => ({
        statementId: statement.sid ?? '',
        effect: statement.effect === 'Deny' ? 'DENY' : 'ALLOW',
        // An identity-based policy's statements apply to the role they are attached to.
        principals: values([session.roleId]),
        principalGroups: { items: [] },
        actions: values(statement.action ?? []),
        resources: values(statement.resource ?? []),
        conditions: {
          items: Object.entries(statement.condition).flatMap(([operator, keys]) => Object.entries(keys).map(([key, list]) => ({ key: `${operator}:${key}`, values: values(list) }))),
        },
      })),
    },
    failures: { items: [] },
    context: { principal: { id: `${session.roleId}:${session.sessionName}`, arn: session.assumedRoleArn }, action, resource, conditions: { items: contextKeys } },
  };
}

export class AuthorizationMessages {
  private readonly secret = randomBytes(32);

  private key(account: string): Buffer {
    return createHmac('sha256', this.secret).update(`authorization-message:${account}`).digest();
  }

  encode(account: string, decoded: DecodedAuthorizationMessage): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(account), iv);
    cipher.setAAD(Buffer.from(account));
    const body = Buffer.concat([cipher.update(JSON.stringify(decoded), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The decoded JSON text, for the caller's account only; InvalidAuthorizationMessageException otherwise. */
  decode(account: string, encoded: string): string {
    const raw = /^[A-Za-z0-9_-]+$/.test(encoded) ? Buffer.from(encoded, 'base64url') : Buffer.alloc(0);
    if (raw.length < 29) throw invalidAuthorizationMessage();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key(account), raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(account));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw invalidAuthorizationMessage();
    }
  }
}
