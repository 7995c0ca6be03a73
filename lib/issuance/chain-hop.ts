// Role chaining, the second hop of a chained mapping: with the first hop's credentials (the hub
// role, issued by the mapping's federation mode) Keyport calls sts:AssumeRole into the target role.
// What it fixes, pure:
//   - the duration: "Role chaining limits your AWS CLI or AWS API role session to a maximum of one
//     hour … if you assume a role using role chaining and provide a DurationSeconds parameter value
//     greater than one hour, the operation fails" (STS API Reference, AssumeRole, DurationSeconds).
//     Keyport clamps a longer request to an hour and says why, rather than letting AWS fail it;
//   - the first hop asks for the shortest session AWS allows (900 s): it only signs the second call
//     and never reaches the person; the mapping's session policies apply to the final hop, whose
//     credentials the person gets;
//   - the SourceIdentity is the person's session name, set at the first hop in broker modes and
//     carried ("After you set the source identity, you can't change it … persists across chained
//     role sessions", IAM User Guide, "Monitor and control actions taken with assumed roles"), set
//     at the second hop in passthrough (the IdP's token carries none);
//   - an AWS refusal of the second hop, in words naming the trust the target role needs.
import { AppError } from '@/lib/errors/app-error';
import { chainTargetTrustPolicy } from '@/lib/mappings/chain-trust-policy';
import type { StsFailure } from '@/lib/sts/send-assume-role';
import { explainStsError } from '@/lib/sts/explain-sts-error';
import type { IssuableMapping } from './issuance-types';

export const CHAIN_MAX_SECONDS = 3600;
/** The shortest session STS issues (AssumeRole* DurationSeconds minimum): the hub session's. */
export const FIRST_HOP_SECONDS = 900;

export const CHAIN_LIMIT_REASON = 'AWS limits a chained session to 1 hour';

export function chainedDuration(requested: number): { seconds: number; notice?: string } {
  if (requested <= CHAIN_MAX_SECONDS) return { seconds: requested };
  return {
    seconds: CHAIN_MAX_SECONDS,
    notice: `${CHAIN_LIMIT_REASON} (this role is reached through another role: role chaining), so these credentials last 60 minutes instead of the ${Math.floor(requested / 60)} you asked for.`,
  };
}

/** The longest duration a person can get for a mapping: its maximum, or an hour when chained. */
export function effectiveMaxDuration(m: { maxDurationSeconds: number; chainedRoleArn: string | null }): number {
  return m.chainedRoleArn ? Math.min(m.maxDurationSeconds, CHAIN_MAX_SECONDS) : m.maxDurationSeconds;
}

/** The mapping as the first hop of a chain uses it: the hub role, no session policies. */
export function firstHopOf(m: IssuableMapping): IssuableMapping {
  return { ...m, sessionPolicy: null, managedPolicyArns: [] };
}

/** What the person reads when AWS refused the second hop. */
export function explainChainRefusal(result: StsFailure, m: IssuableMapping & { chainedRoleArn: string }, opts: { brokerTags: boolean }): AppError {
  const trust = JSON.stringify(chainTargetTrustPolicy({ hubRoleArn: m.roleArn, mappingId: opts.brokerTags ? m.id : null }).Statement[0]);
  if (result.code === 'AccessDenied') {
    return new AppError(
      'forbidden',
      `Keyport got a session of the hub role ${m.roleArn}, but AWS refused to let it assume the target role ${m.chainedRoleArn}. Nothing was issued to you. The target role's trust policy must allow the hub role (${trust}), and the hub role's permissions must allow sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession on the target. Ask an admin to check the mapping page, which shows both.`,
      { detail: { stsErrorCode: result.code, hop: 2 } },
    );
  }
  const why = explainStsError(result.code, { roleArn: m.chainedRoleArn, region: m.stsRegion, maxDurationSeconds: CHAIN_MAX_SECONDS, expectedTrust: trust });
  return new AppError(why.appCode, `Keyport got a session of the hub role, but AWS refused the role-chaining step into ${m.chainedRoleArn}: ${why.message}`, { detail: { stsErrorCode: result.code, hop: 2 } });
}
