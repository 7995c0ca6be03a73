// A SAML sign-in is finished in two steps so it is bound to the browser that started it (no
// login CSRF: nobody can sign a victim in to the attacker's account with a response of their
// own). /api/saml/login gives the browser a random nonce cookie and records only its hash with
// the AuthnRequest. The ACS — a cross-site POST that carries no SameSite=Lax cookie — creates
// the session and hands back a sealed, short-lived ticket; /api/saml/complete, a top-level GET
// that does carry the cookie, checks the nonce against the ticket and only then sets the session
// cookie. Pure apart from crypto.
import { createHash, randomBytes } from 'node:crypto';
import { decryptToken, encryptToken } from '@/lib/auth/token-crypto';

export const TICKET_MAX_AGE_MS = 2 * 60_000;

export function loginCookieName(secure: boolean): string {
  return secure ? '__Host-keyport.saml-login' : 'keyport.saml-login';
}

export function newBrowserNonce(): { nonce: string; hash: string } {
  const nonce = randomBytes(24).toString('base64url');
  return { nonce, hash: hashNonce(nonce) };
}

export function hashNonce(nonce: string): string {
  return createHash('sha256').update(nonce).digest('base64url');
}

export interface SignInTicket {
  sid: string;
  /** Hash of the nonce of the browser that started the sign-in; null for IdP-initiated sign-in. */
  browser: string | null;
  returnTo: string;
}

export function sealTicket(t: SignInTicket, secret: string, now: number = Date.now()): string {
  return encryptToken(JSON.stringify({ ...t, exp: now + TICKET_MAX_AGE_MS }), `saml-ticket:${secret}`);
}

/** The ticket if it is genuine, fresh, and (when bound) presented by the browser holding the nonce. */
export function openTicket(sealed: string, nonce: string | undefined, secret: string, now: number = Date.now()): SignInTicket | null {
  let t: SignInTicket & { exp: number };
  try {
    t = JSON.parse(decryptToken(sealed, `saml-ticket:${secret}`)) as SignInTicket & { exp: number };
  } catch {
    return null;
  }
  if (typeof t.exp !== 'number' || now > t.exp) return null;
  if (t.browser !== null && (!nonce || hashNonce(nonce) !== t.browser)) return null;
  return { sid: t.sid, browser: t.browser, returnTo: t.returnTo };
}
