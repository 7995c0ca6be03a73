// The IAM setup a mapping's role needs: in broker mode Keyport's OIDC provider and a trust policy
// admitting only tokens minted for this role (with AWS CLI, Terraform and CloudFormation); in
// passthrough mode the trust policy naming the IdP. Copy buttons for each.
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { CopyButton } from '@/components/copy-button';
import { cloudFormationSnippet, createOidcProviderCommand, createSamlProviderCommand, terraformSnippet } from '@/lib/mappings/iam-setup';
import { samlRecipientFor, trustPolicyFor, updateAssumeRolePolicyCommand, type TrustPolicyInput } from '@/lib/mappings/trust-policy';
import { ChainTrustPolicy } from './chain-trust-policy';

/** What SAML passthrough asks of the IdP, and which IdPs cannot give it (docs/idp-setup.md). */
function SamlPassthroughLimits({ roleArn }: { roleArn: string }) {
  const t = useTranslations('mappings.trust');
  const recipient = samlRecipientFor(roleArn) ?? 'https://signin.aws.amazon.com/saml';
  return (
    <div className="mt-3 rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100" data-testid="saml-passthrough-limits">
      <p>{t.rich('samlLimits', { strong: (c: ReactNode) => <strong>{c}</strong>, code: (c: ReactNode) => <code>{c}</code>, recipient })}</p>
    </div>
  );
}

function Snippet(props: { title: string; text: string; testId: string; label: string }) {
  return (
    <>
      <div className="mt-3 flex items-center justify-between">
        <h3 className="text-sm font-medium text-slate-800 dark:text-slate-200">{props.title}</h3>
        <CopyButton text={props.text} label={props.label} testId={`copy-${props.testId}`} />
      </div>
      <pre tabIndex={0} className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid={props.testId}>
        {props.text}
      </pre>
    </>
  );
}

export function TrustPolicyPanel(props: Omit<TrustPolicyInput, 'samlBroker'> & { samlBroker?: { metadataUrl: string | null } | null; chain?: { targetRoleArn: string; mappingId: string | null } | null }) {
  const t = useTranslations('mappings.trust');
  const samlBroker = props.samlBroker ?? null;
  const policy = trustPolicyFor({ ...props, samlBroker: samlBroker !== null });
  const broker = samlBroker ? null : (props.broker ?? null);
  return (
    <section className="min-w-0 rounded-lg border border-slate-300 bg-white p-4 dark:border-slate-700 dark:bg-slate-900" aria-label={t('label')}>
      <h2 className="font-semibold text-slate-900 dark:text-slate-100">{t('title')}</h2>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300" data-testid="federation-mode">
        {samlBroker ? t('modeSamlBroker') : broker ? t('modeBroker') : t('modePassthrough')}
      </p>
      {!policy ? (
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{props.idpKind !== 'OIDC' && !broker ? t('enterArnSaml') : t('enterArn')}</p>
      ) : (
        <>
          {broker && (
            <Snippet title={t('oidcProvider')} text={createOidcProviderCommand(broker)} testId="oidc-provider-command" label={t('copyProvider')} />
          )}
          {samlBroker && (
            <Snippet
              title={t('samlProvider')}
              text={createSamlProviderCommand({ metadataUrl: samlBroker.metadataUrl ?? '<Keyport SAML metadata URL>', name: (props.samlProviderArn ?? '').split('/').pop() || 'KeyportBroker' })}
              testId="saml-provider-command"
              label={t('copyProvider')}
            />
          )}
          <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">
            {broker ? t('mustTrustBroker') : props.idpKind === 'OIDC' ? t('mustTrustOidc') : props.idpKind === 'SAML' ? t('mustTrustSaml') : t('mustTrustBoth')}
          </p>
          <div className="mt-3 flex items-center justify-between">
            <h3 className="text-sm font-medium text-slate-800 dark:text-slate-200">{t('json')}</h3>
            <CopyButton text={JSON.stringify(policy, null, 2)} label={t('copyPolicy')} testId="copy-trust-policy" />
          </div>
          <pre tabIndex={0} className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid="trust-policy">{JSON.stringify(policy, null, 2)}</pre>
          <Snippet title={t('cli')} text={updateAssumeRolePolicyCommand({ roleArn: props.roleArn, policy })} testId="trust-command" label={t('copyCommand')} />
          {broker && (
            <>
              <Snippet title={t('terraform')} text={terraformSnippet({ ...broker, roleArn: props.roleArn, policy })} testId="terraform" label={t('copyTerraform')} />
              <Snippet title={t('cloudformation')} text={cloudFormationSnippet({ ...broker, roleArn: props.roleArn, policy })} testId="cloudformation" label={t('copyCloudformation')} />
            </>
          )}
          {props.idpKind !== 'OIDC' && !broker && !samlBroker && <SamlPassthroughLimits roleArn={props.roleArn} />}
          {props.chain && <ChainTrustPolicy hubRoleArn={props.roleArn} targetRoleArn={props.chain.targetRoleArn} mappingId={props.chain.mappingId} brokerTags={Boolean(broker || samlBroker)} />}
        </>
      )}
    </section>
  );
}
