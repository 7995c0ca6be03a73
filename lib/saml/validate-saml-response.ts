// Validates one posted SAMLResponse, for sign-in or for issuance, and consumes it. In order:
//   size, base64 and no DOCTYPE (before any parser); the request it answers (InResponseTo, kept
//   in the database) and so its purpose; node-saml: the assertion's own signature by the
//   configured certificates only (never one carried in the message), one assertion, NotBefore /
//   NotOnOrAfter with 60 s skew, audience (the portal's SP entity id for sign-in); then from the
//   signed bytes only: issuer, for sign-in the Recipient, for issuance audience and Recipient as
//   AWS checks them (aws-assertion-target.ts), the signed InResponseTo, an expiry; finally the
//   request and the assertion id are consumed together, once.
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import type { Db } from '@/lib/db/create-client';
import type { Partition } from '@/lib/credentials/types';
import { awsAssertionTargetProblem } from './aws-assertion-target';
import { audiencePartition } from './aws-saml-endpoints';
import { decodeSamlResponse, SamlInputError } from './decode-saml-response';
import { SamlRejection } from './explain-saml-failure';
import type { IdpDescriptor } from './parse-idp-metadata';
import { readAssertion, type AssertionFacts } from './read-assertion';
import { consumeResponse, findOutstanding, requestCache, REQUEST_TTL_MS, wasAssertionUsed, type OutstandingRequest, type SamlPurpose } from './saml-requests';

export const CLOCK_SKEW_MS = 60_000;

export interface SamlSp {
  /** Where responses are posted (the ACS URL). */
  acsUrl: string;
  spEntityId: string;
  awsEntityId: string;
  allowIdpInitiated: boolean;
}

export interface ValidatedResponse {
  purpose: SamlPurpose;
  facts: AssertionFacts;
  request: OutstandingRequest | null;
  /** For issuance: the AWS partition the assertion is addressed to (its audience). */
  awsPartition: Partition | null;
}

const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

function signedDirectly(el: { childNodes: ArrayLike<unknown> }): boolean {
  for (let i = 0; i < el.childNodes.length; i++) {
    const n = el.childNodes[i] as { nodeType?: number; localName?: string; namespaceURI?: string };
    if (n.nodeType === 1 && n.localName === 'Signature' && n.namespaceURI === DSIG_NS) return true;
  }
  return false;
}

function peek(xml: string): { inResponseTo: string | null; destination: string | null; assertionId: string | null; issuer: string | null; unsignedAssertionInSignedResponse: boolean } {
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (!root || root.localName !== 'Response') throw new SamlRejection('malformed', `root element is ${root?.localName ?? 'missing'}`);
  const assertion = root.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Assertion')[0];
  const issuer = root.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Issuer')[0];
  return {
    inResponseTo: root.getAttribute('InResponseTo') || null,
    destination: root.getAttribute('Destination') || null,
    assertionId: assertion?.getAttribute('ID') || null,
    issuer: issuer?.textContent?.trim() || null,
    // Keycloak's default: the Response carries the signature, the Assertion none. Only the
    // assertion's own signature covers what is read from it, so this is refused (by node-saml
    // too); telling it apart here lets the message say what to turn on at the IdP.
    unsignedAssertionInSignedResponse: assertion !== undefined && signedDirectly(root) && !signedDirectly(assertion),
  };
}

function classify(e: unknown): SamlRejection {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof Error && e.name === 'SamlStatusError') return new SamlRejection('idp_error', message);
  if (/InResponseTo/i.test(message)) return new SamlRejection('unknown_request', message);
  if (/signature|too many|ID cannot refer|Referenced node/i.test(message)) return new SamlRejection('bad_signature', message);
  if (/expired|No valid subject confirmation/i.test(message)) return new SamlRejection('expired', message);
  if (/not yet valid/i.test(message)) return new SamlRejection('not_yet_valid', message);
  if (/audience/i.test(message)) return new SamlRejection('wrong_audience', message);
  return new SamlRejection('malformed', message);
}

/** A node-saml client for one purpose; `record` makes it able to start requests too. */
export function samlClient(opts: {
  db: Db;
  idp: IdpDescriptor;
  sp: SamlSp;
  purpose: SamlPurpose;
  record?: { sessionId: string | null; pending: Record<string, unknown> };
}): SAML {
  const signIn = opts.purpose === 'SIGN_IN';
  return new SAML({
    callbackUrl: opts.sp.acsUrl,
    entryPoint: opts.idp.ssoUrl,
    issuer: signIn ? opts.sp.spEntityId : opts.sp.awsEntityId,
    // Issuance: AWS's audiences are several and per partition; checked below on the signed bytes.
    audience: signIn ? opts.sp.spEntityId : false,
    idpCert: opts.idp.certs,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    validateInResponseTo: signIn && opts.sp.allowIdpInitiated ? ValidateInResponseTo.ifPresent : ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_TTL_MS,
    cacheProvider: requestCache({ db: opts.db, purpose: opts.purpose, ...(opts.record ? { record: opts.record } : {}) }),
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    signatureAlgorithm: 'sha256',
  });
}

export async function validateSamlResponse(opts: { db: Db; idp: IdpDescriptor; sp: SamlSp; samlResponse: string; now?: () => Date }): Promise<ValidatedResponse> {
  const now = opts.now ?? (() => new Date());
  let xml: string;
  try {
    xml = decodeSamlResponse(opts.samlResponse);
  } catch (e) {
    if (e instanceof SamlInputError) throw new SamlRejection(e.reason, e.message);
    throw e;
  }
  const peeked = peek(xml);

  // The purpose comes from the request this portal made, never from the message.
  let purpose: SamlPurpose;
  let outstanding: OutstandingRequest | null = null;
  if (peeked.inResponseTo) {
    outstanding = await findOutstanding(opts.db, peeked.inResponseTo);
    if (!outstanding) {
      const replay = peeked.assertionId && peeked.issuer ? await wasAssertionUsed(opts.db, peeked.issuer, peeked.assertionId) : false;
      throw new SamlRejection(replay ? 'replayed' : 'unknown_request', `InResponseTo ${peeked.inResponseTo} names no outstanding request`);
    }
    purpose = outstanding.purpose;
  } else if (opts.sp.allowIdpInitiated) {
    purpose = 'SIGN_IN';
  } else {
    throw new SamlRejection('unsolicited', 'response without InResponseTo and IdP-initiated sign-in is off');
  }
  try {
    return await validateFor({ ...opts, now, xml, peeked, purpose });
  } catch (e) {
    if (e instanceof SamlRejection) e.context = { purpose, pending: outstanding?.pending ?? {} };
    throw e;
  }
}

async function validateFor(opts: {
  db: Db;
  idp: IdpDescriptor;
  sp: SamlSp;
  samlResponse: string;
  now: () => Date;
  xml: string;
  peeked: ReturnType<typeof peek>;
  purpose: SamlPurpose;
}): Promise<ValidatedResponse> {
  const { peeked, purpose, now } = opts;
  if (peeked.unsignedAssertionInSignedResponse) {
    throw new SamlRejection('assertion_unsigned', 'the Response is signed but the Assertion inside it is not');
  }
  if (peeked.destination !== null && peeked.destination !== opts.sp.acsUrl) {
    throw new SamlRejection('wrong_recipient', `Destination ${peeked.destination} is not ${opts.sp.acsUrl}`);
  }

  let assertionXml: string;
  try {
    const { profile } = await samlClient({ db: opts.db, idp: opts.idp, sp: opts.sp, purpose }).validatePostResponseAsync({ SAMLResponse: opts.samlResponse });
    if (!profile) throw new SamlRejection('malformed', 'no assertion in the response');
    assertionXml = profile.getAssertionXml?.() ?? '';
  } catch (e) {
    throw e instanceof SamlRejection ? e : classify(e);
  }

  // From here on only the signed bytes are read.
  let facts: AssertionFacts;
  try {
    facts = readAssertion(assertionXml);
  } catch (e) {
    throw new SamlRejection('malformed', e instanceof Error ? e.message : String(e));
  }
  if (facts.issuer !== opts.idp.entityId) throw new SamlRejection('wrong_issuer', `assertion issuer ${facts.issuer ?? '(none)'} is not ${opts.idp.entityId}`);
  if (!facts.notOnOrAfter) throw new SamlRejection('no_expiry', 'assertion has no NotOnOrAfter');
  if (now().getTime() - CLOCK_SKEW_MS >= facts.notOnOrAfter.getTime()) throw new SamlRejection('expired', `NotOnOrAfter ${facts.notOnOrAfter.toISOString()}`);
  let awsPartition: Partition | null = null;
  if (purpose === 'SIGN_IN') {
    if (facts.recipients.length === 0 || facts.recipients.some((r) => r !== opts.sp.acsUrl)) {
      throw new SamlRejection('wrong_recipient', `Recipient ${facts.recipients.join(', ') || '(none)'} is not ${opts.sp.acsUrl}`);
    }
  } else {
    // Refused here exactly as AWS would refuse it, so the person learns why before AWS is asked.
    awsPartition = audiencePartition(facts.audiences);
    const problem = awsPartition ? awsAssertionTargetProblem(facts, awsPartition) : 'audience';
    if (problem === 'audience') throw new SamlRejection('wrong_audience', `audience ${facts.audiences.join(', ') || '(none)'} is not AWS's`);
    if (problem === 'recipient') {
      throw new SamlRejection('recipient_not_aws', `Recipient ${facts.recipients.join(', ') || '(none)'} is not an AWS sign-in endpoint; AWS refuses such an assertion`);
    }
  }
  const requestId = peeked.inResponseTo;
  if (requestId !== null && !(facts.inResponseTo.length > 0 && facts.inResponseTo.every((r) => r === requestId))) {
    // The Response's InResponseTo is outside the assertion's signature; the signed one must agree.
    throw new SamlRejection('unknown_request', `signed InResponseTo ${facts.inResponseTo.join(', ') || '(none)'} does not match ${requestId}`);
  }

  const taken = await consumeResponse(opts.db, { requestId, purpose, issuer: facts.issuer, assertionId: facts.id, notOnOrAfter: facts.notOnOrAfter });
  if ('refused' in taken) throw new SamlRejection(taken.refused, `request ${requestId ?? '(none)'} / assertion ${facts.id} already consumed`);
  return { purpose, facts, request: taken.request, awsPartition };
}
