// The sandbox AWS's SAML assertion check, as AWS STS does it for AssumeRoleWithSAML: the
// assertion must be signed by a certificate of the registered SAML provider's metadata (fetched
// from its metadataUrl, or inline metadataXml) — never a certificate the message carries —
// name AWS as audience (`urn:amazon:webservices` or a sign-in URL, of the provider's partition)
// and an AWS sign-in URL as Recipient (lib/saml/aws-assertion-target.ts, with AWS's documents
// cited there), and still be valid (NotOnOrAfter). The Recipient is returned as `Audience` and is
// the trust policy's `SAML:aud`.
// The Role attribute pair, RoleSessionName, SessionDuration and trust policy are checked by
// `assumeRoleWithSaml` with the facts returned here.
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { parseRolePairs, parseSessionDuration, AWS_ROLE_ATTRIBUTE, AWS_ROLE_SESSION_NAME_ATTRIBUTE, AWS_SAML_AUDIENCE, AWS_SESSION_DURATION_ATTRIBUTE } from '../../lib/saml/aws-attributes';
import { decodeSamlResponse, SamlInputError } from '../../lib/saml/decode-saml-response';
import { parseIdpMetadata, type IdpDescriptor } from '../../lib/saml/parse-idp-metadata';
import { readAssertion } from '../../lib/saml/read-assertion';
import { awsAssertionTargetProblem } from '../../lib/saml/aws-assertion-target';
import { accessDenied, expiredTokenException, invalidIdentityToken } from './errors';
import type { SamlVerifier } from './sts-saml';

const AWS_ATTRIBUTES = new Set([AWS_ROLE_ATTRIBUTE, AWS_ROLE_SESSION_NAME_ATTRIBUTE, AWS_SESSION_DURATION_ATTRIBUTE]);

export function createSamlVerifier(opts: { fetchText?: (url: string) => Promise<string>; metadataTtlMs?: number } = {}): SamlVerifier {
  const fetchText =
    opts.fetchText ??
    (async (url: string) => {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) throw new Error(`metadata ${url}: HTTP ${res.status}`);
      return res.text();
    });
  const ttl = opts.metadataTtlMs ?? 60_000;
  const cache = new Map<string, { at: number; idp: IdpDescriptor }>();

  async function metadata(provider: { metadataUrl?: string | undefined; metadataXml?: string | undefined }): Promise<IdpDescriptor> {
    if (provider.metadataXml !== undefined) return parseIdpMetadata(provider.metadataXml);
    const url = provider.metadataUrl ?? '';
    const hit = cache.get(url);
    if (hit && Date.now() - hit.at < ttl) return hit.idp;
    const idp = parseIdpMetadata(await fetchText(url));
    cache.set(url, { at: Date.now(), idp });
    return idp;
  }

  return async ({ assertion, provider, providerArn, now }) => {
    try {
      decodeSamlResponse(assertion, 100_000);
    } catch (e) {
      if (e instanceof SamlInputError) throw invalidIdentityToken('Invalid SAML response: it could not be read.');
      throw e;
    }
    let idp: IdpDescriptor;
    try {
      idp = await metadata(provider);
    } catch {
      throw invalidIdentityToken('The SAML provider metadata could not be read; the assertion cannot be verified.');
    }
    const saml = new SAML({
      callbackUrl: AWS_SAML_AUDIENCE,
      issuer: 'urn:amazon:webservices',
      audience: false,
      idpCert: idp.certs,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: false,
      acceptedClockSkewMs: 0,
      validateInResponseTo: ValidateInResponseTo.never,
    });
    let xml: string;
    try {
      const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: assertion });
      xml = profile?.getAssertionXml?.() ?? '';
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/expired|No valid subject confirmation/i.test(message)) throw expiredTokenException('Assertion has expired');
      if (/not yet valid/i.test(message)) throw invalidIdentityToken('Assertion is not yet valid');
      throw invalidIdentityToken('Response signature invalid');
    }
    const facts = readAssertion(xml);
    if (facts.issuer !== idp.entityId) throw invalidIdentityToken('Issuer of the assertion is not the SAML provider');
    if (!facts.notOnOrAfter || now.getTime() >= facts.notOnOrAfter.getTime()) throw expiredTokenException('Assertion has expired');
    const partition = providerArn.startsWith('arn:aws-cn:') ? 'aws-cn' : providerArn.startsWith('arn:aws-us-gov:') ? 'aws-us-gov' : 'aws';
    const problem = awsAssertionTargetProblem(facts, partition);
    if (problem === 'audience') throw accessDenied('Not authorized to perform sts:AssumeRoleWithSAML');
    if (problem === 'recipient') throw invalidIdentityToken('Recipient of the assertion is not AWS');
    const attributes: Record<string, string[]> = {};
    for (const [name, values] of Object.entries(facts.attributes)) if (!AWS_ATTRIBUTES.has(name)) attributes[name] = values;
    const format = facts.nameIdFormat ?? 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';
    return {
      issuer: facts.issuer,
      subject: facts.nameId ?? '',
      subjectType: format.split(':').pop() ?? 'transient',
      audience: facts.recipients[0] ?? '',
      roles: parseRolePairs(facts.attributes[AWS_ROLE_ATTRIBUTE] ?? []),
      roleSessionName: facts.attributes[AWS_ROLE_SESSION_NAME_ATTRIBUTE]?.[0],
      sessionDuration: parseSessionDuration(facts.attributes[AWS_SESSION_DURATION_ATTRIBUTE]),
      attributes,
    };
  };
}
