// Pure: why a SAML response was refused, in words a person can act on. The technical reason
// stays in the server log; this is what the page shows (its wording in messages/<locale>/explain.json).
import { inEnglish, type Explanation } from '@/lib/i18n/explanation';

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

/** The explanation of a refusal, as a message of the `explain` catalog (messages/<locale>/explain.json). */
export function samlFailureExplanation(reason: SamlFailure, ctx: { purpose: 'sign-in' | 'issuance' }): Explanation {
  const key =
    reason === 'wrong_issuer' ? 'bad_signature' : reason === 'wrong_recipient' ? 'wrong_audience' : ['too_large', 'not_base64', 'doctype', 'not_xml', 'malformed'].includes(reason) ? 'unreadable' : reason;
  return { key: `saml.${key}`, values: { purpose: ctx.purpose === 'sign-in' ? 'signIn' : 'issuance' } };
}

/** The same in English, for API answers. */
export function explainSamlFailure(reason: SamlFailure, ctx: { purpose: 'sign-in' | 'issuance' }): string {
  return inEnglish(samlFailureExplanation(reason, ctx));
}

const KNOWN: readonly SamlFailure[] = ['too_large', 'not_base64', 'doctype', 'not_xml', 'malformed', 'unknown_request', 'unsolicited', 'replayed', 'bad_signature', 'wrong_issuer', 'expired', 'not_yet_valid', 'no_expiry', 'wrong_audience', 'wrong_recipient', 'recipient_not_aws', 'assertion_unsigned', 'other_partition', 'idp_error', 'other_person', 'role_missing', 'no_session', 'other_browser'];

/** The explanation for a reason code carried in a URL (`?samlError=`); unknown codes give none. */
export function samlErrorExplanation(reason: string | undefined, purpose: 'sign-in' | 'issuance'): Explanation | null {
  return reason && (KNOWN as readonly string[]).includes(reason) ? samlFailureExplanation(reason as SamlFailure, { purpose }) : null;
}

/** The message for a reason code carried in a URL (`?samlError=`); unknown codes give none. */
export function samlErrorMessage(reason: string | undefined, purpose: 'sign-in' | 'issuance'): string | null {
  const e = samlErrorExplanation(reason, purpose);
  return e ? inEnglish(e) : null;
}
