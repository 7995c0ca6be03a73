// The sandbox IdP's SAML response builder is Keyport's own (lib/saml/build-saml-response.ts).
export * from '../../lib/saml/build-saml-response';
