// Pure: the audit page's one search box. What was typed is recognised as the filter it can only
// be — an AccessKeyId (ASIA…/AKIA…, any case, spaces ignored), a role ARN, a 12-digit account id
// (dashes and spaces ignored, as the console prints it), an IP address — or else a person (e-mail,
// subject, session name or part of the name). The page then shows the search with that filter
// set, so the URL names what was searched for.
import { normalizeAccessKeyId } from './audit-filters';

export type SearchTermFilter = 'key' | 'role' | 'account' | 'ip' | 'person';

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:]*:[0-9a-f:.]*$/i;

export function classifySearchTerm(raw: string): { param: SearchTermFilter; value: string } | null {
  const text = raw.trim();
  if (!text) return null;
  const key = normalizeAccessKeyId(text);
  if (/^A(SIA|KIA|ROA|IDA)[A-Z0-9]{12,124}$/.test(key)) return { param: 'key', value: key };
  if (/^arn:aws[\w-]*:iam::\d{12}:role\//.test(text)) return { param: 'role', value: text };
  const digits = text.replace(/[\s-]+/g, '');
  if (/^\d{12}$/.test(digits)) return { param: 'account', value: digits };
  if (IPV4.test(text) || (IPV6.test(text) && text.includes('::')) || /^([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$/i.test(text)) return { param: 'ip', value: text.toLowerCase() };
  return { param: 'person', value: text };
}
