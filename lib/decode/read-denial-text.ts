// Pure: what a person pastes when AWS refused them — the whole error ("User: arn:… is not
// authorized to perform: s3:GetObject on resource: … with an explicit deny in a service control
// policy. Encoded authorization failure message: 4mVb…") or only the encoded text — read into the
// encoded message, the account of the refused principal, and the policy type AWS named in words.
// The encoded message itself is opaque: only sts:DecodeAuthorizationMessage, in the account of
// the request, opens it (STS API Reference, DecodeAuthorizationMessage:
// https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html).
// AWS's access denied messages name the policy type ("… with an explicit deny in a service control
// policy", "because no identity-based policy allows the … action"): IAM User Guide, "Troubleshoot
// access denied error messages" (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).

export const POLICY_TYPES = ['identity-based policy', 'resource-based policy', 'service control policy', 'resource control policy', 'permissions boundary', 'session policy', 'VPC endpoint policy'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

/** STS's EncodedMessage: 1–10240 characters. */
export const MAX_ENCODED_MESSAGE = 10240;

export interface DenialText {
  /** The encoded authorization failure message, or null when the text holds none. */
  encoded: string | null;
  /** The account of the principal AWS named ("User: arn:aws:sts::<account>:…"), if any. */
  accountId: string | null;
  /** Its partition; 'aws' when the text names none. */
  partition: 'aws' | 'aws-cn' | 'aws-us-gov';
  /** The policy type AWS named in the plain text, if any. */
  statedPolicyType: PolicyType | null;
  statedExplicitDeny: boolean | null;
}

const ENCODED_AFTER_LABEL = /Encoded authorization failure message:\s*([A-Za-z0-9_\-+/=]+)/i;
const BARE_TOKEN = /^[A-Za-z0-9_\-+/=]{40,}$/;
const PRINCIPAL = /User:\s*arn:(aws|aws-cn|aws-us-gov):(?:sts|iam)::(\d{12}):/;

export function readDenialText(text: string): DenialText {
  const trimmed = text.trim();
  const labelled = ENCODED_AFTER_LABEL.exec(trimmed)?.[1];
  const encoded = labelled ?? (BARE_TOKEN.test(trimmed) ? trimmed : null);
  const stated = /with an explicit deny in an? ([a-zA-Z -]+?)(?:[.,]|$)/.exec(trimmed) ?? /because no ([a-zA-Z -]+?) allows the/.exec(trimmed);
  const statedPolicyType = stated?.[1] ? (POLICY_TYPES.find((t) => t.toLowerCase() === stated[1]?.trim().toLowerCase()) ?? null) : null;
  const principal = PRINCIPAL.exec(trimmed);
  return {
    encoded: encoded && encoded.length <= MAX_ENCODED_MESSAGE ? encoded : null,
    accountId: principal?.[2] ?? null,
    partition: principal?.[1] === 'aws-cn' || principal?.[1] === 'aws-us-gov' ? principal[1] : 'aws',
    statedPolicyType,
    statedExplicitDeny: /with an explicit deny/i.test(trimmed) ? true : /because no .+ allows the/i.test(trimmed) ? false : null,
  };
}
