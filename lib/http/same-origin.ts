// Pure.
/**
 * CSRF check for state-changing requests (on top of SameSite=Lax cookies). The Origin must be the
 * portal's. Under `Referrer-Policy: no-referrer` Chromium sends `Origin: null` even for
 * same-origin requests; then the browser-set Sec-Fetch-Site, which pages cannot forge, decides.
 */
export function sameOrigin(headers: { get(name: string): string | null }, publicUrl: string, requestUrl: string): boolean {
  const origin = headers.get('origin');
  if (origin && origin !== 'null') return origin === new URL(publicUrl).origin || origin === new URL(requestUrl).origin;
  return headers.get('sec-fetch-site') === 'same-origin';
}
