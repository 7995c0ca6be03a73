// Role chaining's IAM setup beside the hub's trust policy: the target role's trust policy (the hub
// role as its AWS principal) and the hub's permissions policy, with copy buttons.
import { CopyButton } from '@/components/copy-button';
import { chainTargetTrustPolicy, hubPermissionsPolicy, putHubPolicyCommand } from '@/lib/mappings/chain-trust-policy';
import { updateAssumeRolePolicyCommand } from '@/lib/mappings/trust-policy';

function Block({ title, text, testId }: { title: string; text: string; testId: string }) {
  return (
    <>
      <div className="mt-3 flex items-center justify-between">
        <h3 className="text-sm font-medium text-slate-700">{title}</h3>
        <CopyButton text={text} label={`Copy ${title.toLowerCase()}`} testId={`copy-${testId}`} />
      </div>
      <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid={testId}>
        {text}
      </pre>
    </>
  );
}

export function ChainTrustPolicy({ hubRoleArn, targetRoleArn, mappingId, brokerTags }: { hubRoleArn: string; targetRoleArn: string; mappingId: string | null; brokerTags: boolean }) {
  const trust = chainTargetTrustPolicy({ hubRoleArn, mappingId: brokerTags ? mappingId : null });
  const permissions = hubPermissionsPolicy({ targetRoleArns: [targetRoleArn] });
  return (
    <div className="mt-4 border-t border-slate-200 pt-3" data-testid="chain-trust">
      <h3 className="font-semibold text-slate-900">Role chaining: the target role</h3>
      <p className="mt-1 text-sm text-slate-600">
        People get credentials for <code className="break-all">{targetRoleArn}</code>, which Keyport assumes with the hub role&apos;s session (sts:AssumeRole). The target must trust the hub role
        itself, and the hub needs permission to assume it. The person&apos;s session name and SourceIdentity carry through; AWS limits the chained session to 1 hour.
        {brokerTags && !mappingId ? ' Save the mapping to see the keyport-mapping tag condition, which binds the target to this mapping.' : ''}
      </p>
      <Block title="Target role trust policy" text={JSON.stringify(trust, null, 2)} testId="chain-target-trust-policy" />
      <Block title="Target trust command" text={updateAssumeRolePolicyCommand({ roleArn: targetRoleArn, policy: trust })} testId="chain-target-trust-command" />
      <Block title="Hub role permissions policy" text={JSON.stringify(permissions, null, 2)} testId="chain-hub-policy" />
      <Block title="Hub policy command" text={putHubPolicyCommand({ hubRoleArn, policy: permissions })} testId="chain-hub-policy-command" />
    </div>
  );
}
