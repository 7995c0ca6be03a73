// next-intl's request configuration (wired in next.config.js): the language of this request, its
// catalogs, and the time zone server-rendered times are shown in. No locale in the URL: Keyport's
// addresses stay as they are, and the language comes from the switcher's cookie, else the
// browser's Accept-Language, else English.
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { loadMessages } from './load-messages';
import { LOCALE_COOKIE, resolveLocale } from './locales';

export default getRequestConfig(async () => {
  const [cookieStore, h] = await Promise.all([cookies(), headers()]);
  const locale = resolveLocale({ cookie: cookieStore.get(LOCALE_COOKIE)?.value, acceptLanguage: h.get('accept-language') });
  return {
    locale,
    messages: await loadMessages(locale),
    // The server does not know the viewer's zone: server-rendered times say UTC, and client
    // components add the local time after hydration (components/local-time.tsx).
    timeZone: 'UTC',
  };
});
