// Pure: the languages Keyport speaks and how one is chosen for a request.
// English is the default: no Accept-Language, or one naming neither language, gets English.
export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The cookie that remembers a choice made with the language switcher (not a secret). */
export const LOCALE_COOKIE = 'keyport_locale';

/** Each language named in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ja: '日本語' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The best supported language for an Accept-Language header (RFC 9110 §12.5.4): ranges in order of
 * their q-value (ties keep their order), a range matching a locale or its primary subtag
 * (`ja-JP` → `ja`, `en-US` → `en`); `*` and q=0 never choose. Falls back to English.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranges = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.tag && r.tag !== '*' && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const r of ranges) {
    const primary = r.tag.split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

/** The request's language: a remembered choice (cookie) first, then Accept-Language. */
export function resolveLocale(opts: { cookie: string | null | undefined; acceptLanguage: string | null | undefined }): Locale {
  return isLocale(opts.cookie) ? opts.cookie : negotiateLocale(opts.acceptLanguage);
}
