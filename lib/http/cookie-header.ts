// Pure: the Set-Cookie lines of Keyport's own cookies (session after SAML sign-in, SAML login
// nonce, SAML result). One implementation, so a cookie is deleted with the attributes it was set
// with: a `__Host-` cookie is only accepted — and so only overwritten or deleted — with Secure,
// Path=/ and no Domain (RFC 6265bis §4.1.3.2). Deleting one without Secure, as Next's
// `cookies().delete(name)` does, is ignored by the browser, and the cookie stays.
export interface CookieOptions {
  /** Served over HTTPS (cfg.secureCookies): the cookie is Secure. */
  secure: boolean;
  maxAge: number;
}

function mustBeSecure(name: string, secure: boolean): boolean {
  return secure || name.startsWith('__Host-') || name.startsWith('__Secure-');
}

export function cookieHeader(name: string, value: string, opts: CookieOptions): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${opts.maxAge}${mustBeSecure(name, opts.secure) ? '; Secure' : ''}`;
}

/** Deletes a cookie set by cookieHeader (same Path and Secure; Expires for old clients). */
export function expiredCookieHeader(name: string, opts: { secure: boolean }): string {
  return `${cookieHeader(name, '', { secure: opts.secure, maxAge: 0 })}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}
