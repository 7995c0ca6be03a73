// Pure: why a SAML response was refused, in words a person can act on. The technical reason
// stays in the server log; this is what the page shows.
export type SamlFailure =
  | 'too_large'
  | 'not_base64'
  | 'doctype'
  | 'not_xml'
  | 'malformed'
  | 'unknown_request'
  | 'unsolicited'
  | 'replayed'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'expired'
  | 'not_yet_valid'
  | 'no_expiry'
  | 'wrong_audience'
  | 'wrong_recipient'
  | 'recipient_not_aws'
  | 'assertion_unsigned'
  | 'other_partition'
  | 'idp_error'
  | 'other_person'
  | 'role_missing'
  | 'no_session'
  | 'other_browser';

export class SamlRejection extends Error {
  /** What the refused response was for, once known (from the request it claims to answer). */
  context: { purpose: 'SIGN_IN' | 'ISSUANCE'; pending: Record<string, unknown> } | null = null;

  constructor(
    readonly reason: SamlFailure,
    /** For the server log only. */
    readonly technical: string,
  ) {
    super(`SAML response refused (${reason}): ${technical}`);
    this.name = 'SamlRejection';
  }
}

export function explainSamlFailure(reason: SamlFailure, ctx: { purpose: 'sign-in' | 'issuance' }): string {
  const again = ctx.purpose === 'sign-in' ? 'Sign in again.' : 'Request the credentials again.';
  switch (reason) {
    case 'expired':
      return `The response from your identity provider expired before it reached Keyport — try again. (${again})`;
    case 'not_yet_valid':
      return `The response from your identity provider is not valid yet; its clock and Keyport's disagree. Try again in a minute; if it persists, tell your IdP admins.`;
    case 'replayed':
      return `This response from your identity provider was already used, and each one is accepted only once. ${again}`;
    case 'unknown_request':
      return `This response does not answer a request Keyport made (or that request expired or was already answered). ${again}`;
    case 'unsolicited':
      return 'Keyport only accepts sign-ins it started itself. Open Keyport and sign in from there.';
    case 'bad_signature':
    case 'wrong_issuer':
      return `The response was not signed by your identity provider's key, so Keyport refused it. ${again} If it persists, tell the Keyport admins.`;
    case 'wrong_audience':
    case 'wrong_recipient':
      return ctx.purpose === 'sign-in'
        ? 'Your identity provider sent a response meant for another application. Sign in again from Keyport.'
        : 'Your identity provider sent a response that is not meant for AWS. Request the credentials again; if it persists, ask your IdP admins to check the AWS application.';
    case 'recipient_not_aws':
      return (
        'AWS cannot accept this response: your identity provider addressed it to the page it sent it to (Keyport), and AWS accepts only assertions whose Recipient is its own sign-in URL (https://signin.aws.amazon.com/saml). ' +
        'Your IdP admins can set the Recipient of the AWS application to that URL if the IdP allows it (Okta does); most IdPs do not, and cannot be used for SAML passthrough issuance — tell the Keyport admins, the answer for them is broker mode.'
      );
    case 'assertion_unsigned':
      return (
        'Your identity provider signed the response but not the assertion inside it, and Keyport accepts only signed assertions. ' +
        'Ask your IdP admins to turn on assertion signing for this application (Keycloak: "Sign assertions" in the client\'s settings; SimpleSAMLphp: saml20.sign.assertion; Okta, Entra ID: sign the assertion, or the response and the assertion).'
      );
    case 'other_partition':
      return 'Your identity provider sent a response for AWS in another partition (AWS, AWS China or AWS GovCloud) than this role\'s. Ask your IdP admins to check the AWS application this role is issued through.';
    case 'no_expiry':
      return 'The response from your identity provider has no expiry time, so Keyport refused it. Ask your IdP admins to check the application.';
    case 'idp_error':
      return `Your identity provider refused the sign-in. ${again}`;
    case 'other_person':
      return 'Your identity provider signed in a different person than the one signed in to Keyport. Sign out, sign in again as yourself, and repeat the request.';
    case 'role_missing':
      return 'The identity provider did not include this role for you (no matching AWS Role attribute). Ask your IdP admins to give your account this role in the AWS application.';
    case 'other_browser':
      return 'This sign-in was started in another browser, or took more than two minutes to finish. Sign in again from this page.';
    case 'no_session':
      return 'Your Keyport session ended while you were at the identity provider. Sign in again and repeat the request.';
    case 'too_large':
    case 'not_base64':
    case 'doctype':
    case 'not_xml':
    case 'malformed':
      return `Keyport could not read the response from your identity provider. ${again}`;
  }
}

/** The message for a reason code carried in a URL (`?samlError=`); unknown codes give none. */
export function samlErrorMessage(reason: string | undefined, purpose: 'sign-in' | 'issuance'): string | null {
  const known: SamlFailure[] = ['too_large', 'not_base64', 'doctype', 'not_xml', 'malformed', 'unknown_request', 'unsolicited', 'replayed', 'bad_signature', 'wrong_issuer', 'expired', 'not_yet_valid', 'no_expiry', 'wrong_audience', 'wrong_recipient', 'recipient_not_aws', 'assertion_unsigned', 'other_partition', 'idp_error', 'other_person', 'role_missing', 'no_session', 'other_browser'];
  return reason && (known as string[]).includes(reason) ? explainSamlFailure(reason as SamlFailure, { purpose }) : null;
}
