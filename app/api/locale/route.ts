// POST /api/locale — the language switcher: remembers the chosen language in a cookie for a year
// (not a secret; Keyport's one cookie helper sets it) and sends the person back to the page they
// were on, through the one safe-return check. A plain form POST, like sign-out (see its header for why
// not a server action); the same CSRF check.
import { getConfig } from '@/lib/config';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/locales';
import { cookieHeader } from '@/lib/http/cookie-header';
import { safeReturnPath } from '@/lib/http/safe-return-path';
import { sameOrigin } from '@/lib/http/same-origin';

export const dynamic = 'force-dynamic';

const ONE_YEAR = 365 * 24 * 3600;

export async function POST(request: Request): Promise<Response> {
  const cfg = getConfig();
  if (!sameOrigin(request.headers, cfg.publicUrl, request.url)) {
    return Response.json({ error: { code: 'forbidden', message: 'The language must be changed from the Keyport page.' } }, { status: 403 });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ error: { code: 'invalid_input', message: 'Send the form of the language switcher.' } }, { status: 422 });
  }
  const locale = form.get('locale');
  if (!isLocale(locale)) {
    return Response.json({ error: { code: 'invalid_input', message: 'Unknown language.', fields: { locale: 'Choose en or ja.' } } }, { status: 422 });
  }
  const back = safeReturnPath(form.get('returnTo'), cfg.publicUrl);
  return new Response(null, {
    status: 303,
    headers: { Location: `${cfg.publicUrl}${back}`, 'Cache-Control': 'no-store', 'Set-Cookie': cookieHeader(LOCALE_COOKIE, locale, { secure: cfg.secureCookies, maxAge: ONE_YEAR }) },
  });
}
