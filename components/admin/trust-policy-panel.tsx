// The trust policy a mapping's role needs, with copy buttons for the JSON and the CLI command.
import { CopyButton } from '@/components/copy-button';
import { samlRecipientFor, trustPolicyFor, updateAssumeRolePolicyCommand, type TrustPolicyInput } from '@/lib/mappings/trust-policy';

/** What SAML passthrough asks of the IdP, and which IdPs cannot give it (docs/idp-setup.md). */
function SamlPassthroughLimits({ roleArn }: { roleArn: string }) {
  const recipient = samlRecipientFor(roleArn) ?? 'https://signin.aws.amazon.com/saml';
  return (
    <div className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="saml-passthrough-limits">
      <p>
        <strong>SAML passthrough needs an IdP that can address the assertion to AWS.</strong> AWS accepts an assertion only when its Recipient is AWS&apos;s sign-in URL (
        <code>{recipient}</code>), while the IdP must post it to Keyport. Okta can (its AWS application&apos;s Recipient URL is separate from the single sign-on URL). SimpleSAMLphp, ADFS,
        Entra ID, Google Workspace and Keycloak always set the Recipient to the address they post to: they cannot be used for SAML passthrough issuance; they need broker mode, which
        Keyport does not offer yet. See docs/idp-setup.md.
      </p>
    </div>
  );
}

export function TrustPolicyPanel(props: TrustPolicyInput) {
  const policy = trustPolicyFor(props);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label="Trust policy">
      <h2 className="font-semibold text-slate-900">Trust policy the role needs</h2>
      {!policy ? (
        <p className="mt-2 text-sm text-slate-600">Enter a valid role ARN{props.idpKind !== 'OIDC' ? ' and SAML provider ARN' : ''} to see the trust policy.</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600">
            The role must trust Keyport&apos;s {props.idpKind === 'OIDC' ? 'OIDC provider' : props.idpKind === 'SAML' ? 'SAML provider' : 'OIDC and SAML providers'}. Put this on the role (IAM → Roles → Trust relationships), or run the command below.
          </p>
          <div className="mt-3 flex items-center justify-between">
            <h3 className="text-sm font-medium text-slate-700">JSON</h3>
            <CopyButton text={JSON.stringify(policy, null, 2)} label="Copy trust policy" testId="copy-trust-policy" />
          </div>
          <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid="trust-policy">{JSON.stringify(policy, null, 2)}</pre>
          <div className="mt-3 flex items-center justify-between">
            <h3 className="text-sm font-medium text-slate-700">AWS CLI</h3>
            <CopyButton text={updateAssumeRolePolicyCommand({ roleArn: props.roleArn, policy })} label="Copy command" testId="copy-trust-command" />
          </div>
          <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid="trust-command">
            {updateAssumeRolePolicyCommand({ roleArn: props.roleArn, policy })}
          </pre>
          {props.idpKind !== 'OIDC' && <SamlPassthroughLimits roleArn={props.roleArn} />}
        </>
      )}
    </section>
  );
}
