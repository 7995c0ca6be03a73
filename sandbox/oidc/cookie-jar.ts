// A minimal cookie jar for driving a sign-in over HTTP from Node: one origin, honours Path,
// Max-Age/Expires (deletion) and replaces cookies by name+path. Enough for oidc-provider's cookies.

interface JarCookie {
  name: string;
  value: string;
  path: string;
  expiresAt: number; // epoch ms; Infinity for session cookies
}

function defaultPath(requestPath: string): string {
  // RFC 6265 §5.1.4: the directory of the request path.
  if (!requestPath.startsWith('/')) return '/';
  const last = requestPath.lastIndexOf('/');
  return last <= 0 ? '/' : requestPath.slice(0, last);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

export class CookieJar {
  readonly #origin: string;
  readonly #now: () => number;
  #cookies: JarCookie[] = [];

  constructor(origin: string, now: () => number = Date.now) {
    this.#origin = new URL(origin).origin;
    this.#now = now;
  }

  /** Stores the Set-Cookie headers of a response to `url` (ignored when `url` is another origin). */
  store(url: string, setCookieHeaders: readonly string[]): void {
    const target = new URL(url);
    if (target.origin !== this.#origin) return;
    for (const header of setCookieHeaders) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = defaultPath(target.pathname);
      let expiresAt = Number.POSITIVE_INFINITY;
      let maxAgeSeen = false;
      for (const attribute of attributes) {
        const i = attribute.indexOf('=');
        const key = (i === -1 ? attribute : attribute.slice(0, i)).trim().toLowerCase();
        const attrValue = i === -1 ? '' : attribute.slice(i + 1).trim();
        if (key === 'path' && attrValue.startsWith('/')) path = attrValue;
        if (key === 'max-age' && /^-?\d+$/.test(attrValue)) {
          maxAgeSeen = true;
          expiresAt = this.#now() + Number(attrValue) * 1000;
        }
        if (key === 'expires' && !maxAgeSeen) {
          const t = Date.parse(attrValue);
          if (!Number.isNaN(t)) expiresAt = t;
        }
      }
      // A replaced cookie keeps its place (browsers keep its creation time), so order stays stable.
      const cookie = { name, value, path, expiresAt };
      const i = this.#cookies.findIndex((c) => c.name === name && c.path === path);
      const live = expiresAt > this.#now();
      if (i === -1) {
        if (live) this.#cookies.push(cookie);
      } else if (live) {
        this.#cookies[i] = cookie;
      } else {
        this.#cookies.splice(i, 1);
      }
    }
  }

  /** The Cookie header for a request to `url`, or undefined when nothing applies. */
  headerFor(url: string): string | undefined {
    const target = new URL(url);
    if (target.origin !== this.#origin) return undefined;
    const now = this.#now();
    const matching = this.#cookies
      .filter((c) => c.expiresAt > now && pathMatches(target.pathname, c.path))
      // Longer paths first, as browsers do.
      .sort((a, b) => b.path.length - a.path.length);
    if (matching.length === 0) return undefined;
    return matching.map((c) => `${c.name}=${c.value}`).join('; ');
  }
}
