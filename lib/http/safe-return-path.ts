// The one check for every redirect to a place the browser chose: the sign-in page's callbackUrl,
// the SAML login's return path (kept with the AuthnRequest, coming back through the ACS), the
// ticket /api/saml/complete opens, and next-auth's redirect callback. Three copies of this check
// once drifted apart and one was bypassable; there is one now, with its corpus of known bypasses
// in safe-return-path.test.ts.
//
// The value is resolved against the portal's own origin (WHATWG URL, as the browser will) and
// accepted only if the result keeps that origin and its path cannot be read as another host:
//  - control characters, whitespace and backslashes are refused outright: browsers strip C0
//    controls and tabs/newlines from URLs and treat `\` as `/` in special schemes (WHATWG URL
//    §4.4, "special-scheme backslash"), so `/\evil` and `/%09/evil` become `//evil`;
//  - percent-encoded forms are decoded (three rounds, for servers and proxies that decode again)
//    and each decoded form must pass the same rules, so `/%5Cevil` and `/%2F/evil` are refused;
//  - after resolution the path must not start with `//` (`/.//evil` resolves to `//evil`, which
//    a Location header would send to host `evil`).
// Anything refused becomes the fallback (the portal's home).

const FORBIDDEN = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff\\]/u;
const MAX_LENGTH = 2048;

function looksLikeAnotherHost(s: string, base: URL): boolean {
  if (FORBIDDEN.test(s) || s.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(s)) return true;
  // A decoded form that resolves to `//…` (dot segments, `/.//evil`) is another host to whoever decodes it.
  try {
    return new URL(s, base).pathname.startsWith('//');
  } catch {
    return true;
  }
}

/** The same-origin path (path, query and fragment) to send the browser to, or `fallback`. */
export function safeReturnPath(value: unknown, origin: string, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    return fallback;
  }
  if (FORBIDDEN.test(value)) return fallback;
  const absolute = /^https?:\/\//i.test(value);
  if (!absolute && (!value.startsWith('/') || value.startsWith('//'))) return fallback;
  // Each decoded form must pass the same rules.
  let s = absolute ? value.replace(/^https?:\/\/[^/]*/i, '') || '/' : value;
  for (let round = 0; round < 3; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(s);
    } catch {
      return fallback;
    }
    if (decoded === s) break;
    if (looksLikeAnotherHost(decoded, base)) return fallback;
    s = decoded;
  }
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin || url.username || url.password) return fallback;
  if (url.pathname.startsWith('//')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
