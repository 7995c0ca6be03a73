// The only redirect URIs Keyport's CLI client may use: a loopback interface redirect (RFC 8252
// 7.3): `http`, the literal loopback address 127.0.0.1 or [::1] (RFC 8252 8.3: not "localhost",
// which a resolver might send elsewhere), any port (the CLI picks one at run time, 7.3), path
// `/callback`, no query, fragment or user info. Pure.

export const LOOPBACK_CALLBACK_PATH = '/callback';

export function loopbackRedirectProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'http:') return 'must be an http:// loopback address (RFC 8252 7.3)';
  if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]') return 'must be on 127.0.0.1 or [::1] (RFC 8252 8.3)';
  if (!url.port) return 'must name the port the CLI listens on';
  if (url.username || url.password) return 'must not carry user info';
  if (url.pathname !== LOOPBACK_CALLBACK_PATH) return `must have the path ${LOOPBACK_CALLBACK_PATH}`;
  if (url.search || url.hash || raw.includes('#') || raw.includes('?')) return 'must not carry a query or fragment';
  return null;
}
