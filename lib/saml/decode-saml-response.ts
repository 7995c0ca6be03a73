// Pure: the first gate for a posted SAMLResponse, before any XML parser sees it. Size-bounded,
// strictly base64, UTF-8, and no DTD at all: a DOCTYPE (and with it every entity trick —
// billion laughs, external entities) is refused outright rather than left to a parser's settings.
export const MAX_SAML_RESPONSE_BYTES = 256 * 1024;

export type DecodeFailure = 'too_large' | 'not_base64' | 'doctype' | 'not_xml';

export class SamlInputError extends Error {
  constructor(readonly reason: DecodeFailure) {
    super(`SAMLResponse refused: ${reason}`);
    this.name = 'SamlInputError';
  }
}

export function decodeSamlResponse(value: string, maxBytes: number = MAX_SAML_RESPONSE_BYTES): string {
  if (value.length > Math.ceil((maxBytes * 4) / 3) + 4) throw new SamlInputError('too_large');
  const compact = value.replace(/[\r\n\t ]/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new SamlInputError('not_base64');
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length > maxBytes) throw new SamlInputError('too_large');
  const xml = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) throw new SamlInputError('doctype');
  if (!/^\s*(<\?xml[^>]*\?>\s*)?</.test(xml)) throw new SamlInputError('not_xml');
  return xml;
}
