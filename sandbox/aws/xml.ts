// A minimal XML writer for AWS Query-protocol answers: every text node and attribute is escaped,
// absent optional members (undefined) simply vanish, like AWS's own responses.

export const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlChild[];
}
export type XmlChild = XmlElement | string | number | boolean | undefined | null;

// Characters XML 1.0 cannot carry at all are dropped rather than emitted as invalid markup.
// eslint-disable-next-line no-control-regex
const ILLEGAL_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes element content (quotes stay as they are, like AWS's answers). */
export function escapeXmlText(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Escapes a value for a double- or single-quoted attribute (and is safe for content too). */
export function escapeXml(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function el(name: string, ...children: XmlChild[]): XmlElement {
  return { name, attrs: {}, children };
}

export function elWithAttrs(name: string, attrs: Record<string, string>, ...children: XmlChild[]): XmlElement {
  return { name, attrs, children };
}

function isElement(child: XmlChild): child is XmlElement {
  return typeof child === 'object' && child !== null;
}

/** An element whose only content is undefined is dropped entirely (optional member absent). */
function isAbsent(node: XmlElement): boolean {
  return node.children.length === 1 && (node.children[0] === undefined || node.children[0] === null);
}

function render(node: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  const present = node.children.filter((c) => c !== undefined && c !== null && !(isElement(c) && isAbsent(c)));
  if (present.length === 0) {
    out.push(`${pad}<${node.name}${attrs}/>`);
    return;
  }
  if (present.every((c) => !isElement(c))) {
    out.push(`${pad}<${node.name}${attrs}>${present.map((c) => escapeXmlText(String(c))).join('')}</${node.name}>`);
    return;
  }
  out.push(`${pad}<${node.name}${attrs}>`);
  for (const child of present) {
    if (isElement(child)) render(child, depth + 1, out);
    else out.push(`${pad}  ${escapeXmlText(String(child))}`);
  }
  out.push(`${pad}</${node.name}>`);
}

export function renderXml(root: XmlElement): string {
  const out: string[] = [];
  render(root, 0, out);
  return `${out.join('\n')}\n`;
}

/** `<{Action}Response xmlns><{Action}Result>…</…><ResponseMetadata><RequestId>…` as AWS answers. */
export function queryResponse(
  namespace: string,
  action: string,
  result: readonly XmlChild[] | undefined,
  requestId: string,
): string {
  return renderXml(
    elWithAttrs(
      `${action}Response`,
      { xmlns: namespace },
      result === undefined ? undefined : el(`${action}Result`, ...result),
      el('ResponseMetadata', el('RequestId', requestId)),
    ),
  );
}

export function errorResponse(
  namespace: string,
  error: { type: string; code: string; message: string },
  requestId: string,
): string {
  return renderXml(
    elWithAttrs(
      'ErrorResponse',
      { xmlns: namespace },
      el('Error', el('Type', error.type), el('Code', error.code), el('Message', error.message)),
      el('RequestId', requestId),
    ),
  );
}
