import 'server-only';
// The outcome of a SAML issuance travels from the ACS (a cross-site POST from the IdP, which
// carries no Keyport cookie) to the role page as a short-lived cookie, AES-256-GCM sealed with a
// key from AUTH_SECRET and bound to the session it was issued for. It is read once, by
// POST /api/saml/result, and deleted; credentials are never stored on the server.
import { decryptToken, encryptToken } from '@/lib/auth/token-crypto';

export const RESULT_MAX_AGE_SECONDS = 120;

export function resultCookieName(secure: boolean): string {
  return secure ? '__Host-keyport.saml-result' : 'keyport.saml-result';
}

export interface SealedResult {
  sessionId: string;
  body: Record<string, unknown>;
  status: number;
}

export function sealResult(r: SealedResult, secret: string): string {
  return encryptToken(JSON.stringify({ ...r, at: Date.now() }), `saml-result:${secret}`);
}

export function openResult(sealed: string, secret: string): SealedResult | null {
  try {
    const r = JSON.parse(decryptToken(sealed, `saml-result:${secret}`)) as SealedResult & { at: number };
    if (Date.now() - r.at > RESULT_MAX_AGE_SECONDS * 1000) return null;
    return r;
  } catch {
    return null;
  }
}
