// Pure: the facts Keyport (and the sandbox AWS) read from an assertion whose signature has
// already been verified — the XML given here must be the signed bytes themselves, never the
// document they came in. Attribute values are each value's full text: comments inside a value
// are skipped, never allowed to cut it short.
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';

const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';

export interface AssertionFacts {
  id: string;
  issuer: string | null;
  nameId: string | null;
  nameIdFormat: string | null;
  issueInstant: Date | null;
  /** The earliest NotOnOrAfter of the Conditions and the bearer SubjectConfirmationData. */
  notOnOrAfter: Date | null;
  audiences: string[];
  /** One list per AudienceRestriction: each must name the receiver (SAML Core 2.5.1.4). */
  audienceRestrictions: string[][];
  recipients: string[];
  /** SubjectConfirmationData InResponseTo values. */
  inResponseTo: string[];
  attributes: Record<string, string[]>;
}

function children(parent: Node, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === localName && (n as Element).namespaceURI === SAML_NS) out.push(n as Element);
  }
  return out;
}

/** The text of an element: every text and CDATA descendant, comments and processing instructions left out. */
export function fullText(node: Node): string {
  let out = '';
  for (let n = node.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3 || n.nodeType === 4) out += n.nodeValue ?? '';
    else if (n.nodeType === 1) out += fullText(n);
  }
  return out;
}

function date(value: string | null): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function readAssertion(xml: string): AssertionFacts {
  if (/<!DOCTYPE/i.test(xml)) throw new Error('assertion carries a DOCTYPE');
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (!root || root.localName !== 'Assertion' || root.namespaceURI !== SAML_NS) throw new Error('not a SAML assertion');
  const id = root.getAttribute('ID');
  if (!id) throw new Error('assertion has no ID');

  const issuerEl = children(root, 'Issuer')[0];
  const subject = children(root, 'Subject')[0];
  const nameIdEl = subject ? children(subject, 'NameID')[0] : undefined;
  const times: Date[] = [];
  const audiences: string[] = [];
  const audienceRestrictions: string[][] = [];
  const recipients: string[] = [];
  const inResponseTo: string[] = [];
  for (const conditions of children(root, 'Conditions')) {
    const t = date(conditions.getAttribute('NotOnOrAfter'));
    if (t) times.push(t);
    for (const restriction of children(conditions, 'AudienceRestriction')) {
      const group = children(restriction, 'Audience').map((a) => fullText(a).trim());
      audiences.push(...group);
      audienceRestrictions.push(group);
    }
  }
  if (subject) {
    for (const sc of children(subject, 'SubjectConfirmation')) {
      for (const data of children(sc, 'SubjectConfirmationData')) {
        const t = date(data.getAttribute('NotOnOrAfter'));
        if (t) times.push(t);
        const r = data.getAttribute('Recipient');
        if (r) recipients.push(r);
        const irt = data.getAttribute('InResponseTo');
        if (irt) inResponseTo.push(irt);
      }
    }
  }
  const attributes: Record<string, string[]> = {};
  for (const statement of children(root, 'AttributeStatement')) {
    for (const attr of children(statement, 'Attribute')) {
      const name = attr.getAttribute('Name');
      if (!name) continue;
      const values = children(attr, 'AttributeValue').map((v) => fullText(v).trim());
      attributes[name] = [...(attributes[name] ?? []), ...values];
    }
  }
  return {
    id,
    issuer: issuerEl ? fullText(issuerEl).trim() : null,
    nameId: nameIdEl ? fullText(nameIdEl).trim() : null,
    nameIdFormat: nameIdEl?.getAttribute('Format') || null,
    issueInstant: date(root.getAttribute('IssueInstant')),
    notOnOrAfter: times.length > 0 ? new Date(Math.min(...times.map((t) => t.getTime()))) : null,
    audiences,
    audienceRestrictions,
    recipients,
    inResponseTo,
    attributes,
  };
}
