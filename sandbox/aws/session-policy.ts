// Session policies passed to AssumeRole*: must be a policy document; the packed size (AWS packs
// and compresses them into the token) is approximated by the compact JSON length against 2048.
import { malformedPolicyDocument, packedPolicyTooLarge } from './errors';
import { parsePolicy, PolicySyntaxError, type Policy } from './policy';

export const PACKED_POLICY_BUDGET = 2048;

export interface CheckedSessionPolicy {
  policy?: Policy;
  /** Compact JSON text of the inline session policy, as stored with the session. */
  compact?: string;
  /** Percentage of the allotted space, only when a policy or policy ARNs were passed. */
  packedPolicySize?: number;
}

export function checkSessionPolicy(policyText: string | undefined, policyArns: readonly string[]): CheckedSessionPolicy {
  if (policyText === undefined && policyArns.length === 0) return {};
  let compact: string | undefined;
  let policy: Policy | undefined;
  if (policyText !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(policyText);
    } catch {
      throw malformedPolicyDocument('The policy is not in the valid JSON format.');
    }
    try {
      policy = parsePolicy(parsed, 'session');
    } catch (e) {
      if (e instanceof PolicySyntaxError) throw malformedPolicyDocument(e.message);
      throw e;
    }
    compact = JSON.stringify(parsed);
  }
  const packed = (compact?.length ?? 0) + policyArns.reduce((n, arn) => n + arn.length, 0);
  const percent = Math.max(1, Math.ceil((packed * 100) / PACKED_POLICY_BUDGET));
  if (percent > 100) throw packedPolicyTooLarge(percent);
  return {
    ...(policy === undefined ? {} : { policy }),
    ...(compact === undefined ? {} : { compact }),
    packedPolicySize: percent,
  };
}
