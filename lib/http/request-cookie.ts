// Pure: one cookie's value from a Cookie request header, read as Next.js's `cookies().get(name)`
// reads it (@edge-runtime/cookies parseCookie): pairs split on `; `, the value URL-decoded, a
// later pair of the same name wins, and a pair whose value does not decode is skipped. The server
// entry's direct routes (lib/http/direct-routes.ts) have the header, not Next.js's cookie store.
export function requestCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  let found: string | undefined;
  // Headers strips leading and trailing HTTP whitespace from a value (so does Node's parser).
  for (const pair of header.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '').split(/; */)) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    if (at === -1) {
      if (pair === name) found = 'true';
      continue;
    }
    if (pair.slice(0, at) !== name) continue;
    try {
      found = decodeURIComponent(pair.slice(at + 1));
    } catch {
      // skipped, as parseCookie skips it
    }
  }
  return found;
}
