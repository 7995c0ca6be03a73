// Signs a person in to the portal the way a browser does, over HTTP with cookie jars: next-auth's
// CSRF token, POST /api/auth/signin/oidc, the IdP's sign-in form, the callback back to the portal.
// Returns the Cookie header that carries the `keyport.session` cookie.
import { CookieJar } from '../sandbox/oidc/cookie-jar';

const MAX_STEPS = 20;

function formFields(page: string): { action: string; fields: Map<string, string> } | undefined {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(page);
  if (!form || !/name=["']?password/i.test(form[2] ?? '')) return undefined;
  const action = /action\s*=\s*"([^"]*)"/i.exec(form[1] ?? '')?.[1] ?? '';
  const fields = new Map<string, string>();
  for (const input of (form[2] ?? '').matchAll(/<input\b([^>]*)>/gi)) {
    const a = input[1] ?? '';
    if (!/type\s*=\s*"hidden"/i.test(a)) continue;
    const name = /name\s*=\s*"([^"]*)"/i.exec(a)?.[1];
    if (name) fields.set(name, (/value\s*=\s*"([^"]*)"/i.exec(a)?.[1] ?? '').replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
  }
  return { action: action.replace(/&amp;/g, '&'), fields };
}

export async function signInToPortal(opts: { portalUrl: string; username: string; password: string }): Promise<{ cookie: string }> {
  const portal = new URL(opts.portalUrl).origin;
  const jars = new Map<string, CookieJar>();
  const jar = (url: string): CookieJar => {
    const origin = new URL(url).origin;
    let j = jars.get(origin);
    if (!j) jars.set(origin, (j = new CookieJar(origin)));
    return j;
  };
  const go = async (url: string, init: { method?: string; body?: URLSearchParams } = {}): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'text/html,application/json' };
    const c = jar(url).headerFor(url);
    if (c) headers.cookie = c;
    if (init.body) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin = new URL(url).origin;
    }
    const res = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    jar(url).store(url, res.headers.getSetCookie());
    return res;
  };

  const csrfRes = await go(`${portal}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error('the portal gave no next-auth CSRF token');
  let res = await go(`${portal}/api/auth/signin/oidc`, { method: 'POST', body: new URLSearchParams({ csrfToken, callbackUrl: `${portal}/` }) });
  let url = `${portal}/api/auth/signin/oidc`;
  let submitted = false;
  for (let step = 0; step < MAX_STEPS; step++) {
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      const next = new URL(res.headers.get('location') ?? '', url).href;
      if (new URL(next).origin === portal && !next.includes('/api/auth/')) {
        const cookie = jar(portal).headerFor(`${portal}/`);
        if (!cookie?.includes('keyport.session=')) throw new Error(`signed in as ${opts.username}, but the portal set no session cookie (landed on ${next})`);
        return { cookie };
      }
      url = next;
      res = await go(url);
      continue;
    }
    const page = await res.text();
    const login = formFields(page);
    if (res.status === 200 && login && !submitted) {
      submitted = true;
      const body = new URLSearchParams([...login.fields]);
      body.set('username', opts.username);
      body.set('password', opts.password);
      url = new URL(login.action || url, url).href;
      res = await go(url, { method: 'POST', body });
      continue;
    }
    throw new Error(`sign-in of ${opts.username} stopped at ${url} (HTTP ${res.status})`);
  }
  throw new Error(`sign-in of ${opts.username} did not finish in ${MAX_STEPS} steps`);
}
