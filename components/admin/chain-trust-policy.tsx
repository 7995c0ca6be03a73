// Role chaining's IAM setup beside the hub's trust policy: the target role's trust policy (the hub
// role as its AWS principal) and the hub's permissions policy, with copy buttons.
import { useTranslations } from 'next-intl';
import { CopyButton } from '@/components/copy-button';
import { chainTargetTrustPolicy, hubPermissionsPolicy, putHubPolicyCommand } from '@/lib/mappings/chain-trust-policy';
import { updateAssumeRolePolicyCommand } from '@/lib/mappings/trust-policy';

function Block({ title, copyLabel, text, testId }: { title: string; copyLabel: string; text: string; testId: string }) {
  return (
    <>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
        <h4 className="text-sm font-medium text-slate-800 dark:text-slate-200">{title}</h4>
        <CopyButton text={text} label={copyLabel} testId={`copy-${testId}`} />
      </div>
      <pre tabIndex={0} className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid={testId}>
        {text}
      </pre>
    </>
  );
}

export function ChainTrustPolicy({ hubRoleArn, targetRoleArn, mappingId, brokerTags }: { hubRoleArn: string; targetRoleArn: string; mappingId: string | null; brokerTags: boolean }) {
  const t = useTranslations('mappings.chain');
  const trust = chainTargetTrustPolicy({ hubRoleArn, mappingId: brokerTags ? mappingId : null });
  const permissions = hubPermissionsPolicy({ targetRoleArns: [targetRoleArn] });
  const blocks = [
    { title: t('targetTrust'), text: JSON.stringify(trust, null, 2), testId: 'chain-target-trust-policy' },
    { title: t('targetTrustCommand'), text: updateAssumeRolePolicyCommand({ roleArn: targetRoleArn, policy: trust }), testId: 'chain-target-trust-command' },
    { title: t('hubPolicy'), text: JSON.stringify(permissions, null, 2), testId: 'chain-hub-policy' },
    { title: t('hubPolicyCommand'), text: putHubPolicyCommand({ hubRoleArn, policy: permissions }), testId: 'chain-hub-policy-command' },
  ];
  return (
    <div className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-700" data-testid="chain-trust">
      <h3 className="font-semibold text-slate-900 dark:text-slate-100">{t('title')}</h3>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        {t.rich('intro', { target: targetRoleArn, code: (c) => <code className="break-all" translate="no">{c}</code> })}
        {brokerTags && !mappingId ? ` ${t('saveForTag')}` : ''}
      </p>
      {blocks.map((b) => (
        <Block key={b.testId} title={b.title} copyLabel={t('copy', { what: b.title })} text={b.text} testId={b.testId} />
      ))}
    </div>
  );
}
