// The IAM setup a mapping's role needs: in broker mode Keyport's OIDC provider and a trust policy
// admitting only tokens minted for this role (with AWS CLI, Terraform and CloudFormation); in
// passthrough mode the trust policy naming the IdP. Copy buttons for each.
import { CopyButton } from '@/components/copy-button';
import { cloudFormationSnippet, createOidcProviderCommand, createSamlProviderCommand, terraformSnippet } from '@/lib/mappings/iam-setup';
import { samlRecipientFor, trustPolicyFor, updateAssumeRolePolicyCommand, type TrustPolicyInput } from '@/lib/mappings/trust-policy';
import { ChainTrustPolicy } from './chain-trust-policy';

/** What SAML passthrough asks of the IdP, and which IdPs cannot give it (docs/idp-setup.md). */
function SamlPassthroughLimits({ roleArn }: { roleArn: string }) {
  const recipient = samlRecipientFor(roleArn) ?? 'https://signin.aws.amazon.com/saml';
  return (
    <div className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="saml-passthrough-limits">
      <p>
        <strong>SAML passthrough needs an IdP that can address the assertion to AWS.</strong> AWS accepts an assertion only when its Recipient is AWS&apos;s sign-in URL (
        <code>{recipient}</code>), while the IdP must post it to Keyport. Okta can (its AWS application&apos;s Recipient URL is separate from the single sign-on URL). SimpleSAMLphp, ADFS,
        Entra ID, Google Workspace and Keycloak always set the Recipient to the address they post to: they cannot be used for SAML passthrough issuance; they need broker mode (a mapping in
        mode broker-saml, where Keyport signs the assertion itself). See docs/idp-setup.md.
      </p>
    </div>
  );
}

function Snippet(props: { title: string; text: string; testId: string; label: string }) {
  return (
    <>
      <div className="mt-3 flex items-center justify-between">
        <h3 className="text-sm font-medium text-slate-700">{props.title}</h3>
        <CopyButton text={props.text} label={props.label} testId={`copy-${props.testId}`} />
      </div>
      <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid={props.testId}>
        {props.text}
      </pre>
    </>
  );
}

export function TrustPolicyPanel(props: Omit<TrustPolicyInput, 'samlBroker'> & { samlBroker?: { metadataUrl: string | null } | null; chain?: { targetRoleArn: string; mappingId: string | null } | null }) {
  const samlBroker = props.samlBroker ?? null;
  const policy = trustPolicyFor({ ...props, samlBroker: samlBroker !== null });
  const broker = samlBroker ? null : (props.broker ?? null);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label="Trust policy">
      <h2 className="font-semibold text-slate-900">Trust policy the role needs</h2>
      <p className="mt-1 text-sm text-slate-600" data-testid="federation-mode">
        {samlBroker
          ? 'Federation mode: broker (SAML). Keyport signs its own SAML assertion for each issuance, naming this one role, with session tags and SourceIdentity; AWS must trust Keyport’s SAML provider (the mapping’s SAML provider ARN).'
          : broker
          ? 'Federation mode: broker. Keyport mints a short-lived token for each issuance, for this one role, with session tags and SourceIdentity; AWS must trust Keyport’s OIDC provider, and only tokens minted for this role.'
          : 'Federation mode: passthrough. The person’s own IdP token (or the IdP’s SAML assertion) goes to AWS; AWS must trust the IdP.'}
      </p>
      {!policy ? (
        <p className="mt-2 text-sm text-slate-600">Enter a valid role ARN{props.idpKind !== 'OIDC' && !broker ? ' and SAML provider ARN' : ''} to see the trust policy.</p>
      ) : (
        <>
          {broker && (
            <Snippet title="1. Keyport's OIDC provider (once per account)" text={createOidcProviderCommand(broker)} testId="oidc-provider-command" label="Copy provider command" />
          )}
          {samlBroker && (
            <Snippet
              title="1. Keyport's SAML provider (once per account)"
              text={createSamlProviderCommand({ metadataUrl: samlBroker.metadataUrl ?? '<Keyport SAML metadata URL>', name: (props.samlProviderArn ?? '').split('/').pop() || 'KeyportBroker' })}
              testId="saml-provider-command"
              label="Copy provider command"
            />
          )}
          <p className="mt-3 text-sm text-slate-600">
            {broker ? '2. ' : ''}The role must trust {broker ? 'Keyport’s OIDC provider' : `Keyport's ${props.idpKind === 'OIDC' ? 'OIDC provider' : props.idpKind === 'SAML' ? 'SAML provider' : 'OIDC and SAML providers'}`}. Put this on the role (IAM → Roles → Trust relationships), or run the command below.
          </p>
          <div className="mt-3 flex items-center justify-between">
            <h3 className="text-sm font-medium text-slate-700">JSON</h3>
            <CopyButton text={JSON.stringify(policy, null, 2)} label="Copy trust policy" testId="copy-trust-policy" />
          </div>
          <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid="trust-policy">{JSON.stringify(policy, null, 2)}</pre>
          <Snippet title="AWS CLI" text={updateAssumeRolePolicyCommand({ roleArn: props.roleArn, policy })} testId="trust-command" label="Copy command" />
          {broker && (
            <>
              <Snippet title="Terraform" text={terraformSnippet({ ...broker, roleArn: props.roleArn, policy })} testId="terraform" label="Copy Terraform" />
              <Snippet title="CloudFormation" text={cloudFormationSnippet({ ...broker, roleArn: props.roleArn, policy })} testId="cloudformation" label="Copy CloudFormation" />
            </>
          )}
          {props.idpKind !== 'OIDC' && !broker && !samlBroker && <SamlPassthroughLimits roleArn={props.roleArn} />}
          {props.chain && <ChainTrustPolicy hubRoleArn={props.roleArn} targetRoleArn={props.chain.targetRoleArn} mappingId={props.chain.mappingId} brokerTags={Boolean(broker || samlBroker)} />}
        </>
      )}
    </section>
  );
}
