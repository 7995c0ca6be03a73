'use client';
// Switches the language: a plain form POST to /api/locale (works without JavaScript too), which
// remembers the choice in a cookie and brings the person back to the page they were on.
import { usePathname, useSearchParams } from 'next/navigation';

export function LanguageSwitcher({ others }: { others: { locale: string; name: string; label: string }[] }) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  return (
    <form action="/api/locale" method="post" className="flex items-center gap-2">
      <input type="hidden" name="returnTo" value={search ? `${pathname}?${search}` : pathname} />
      {others.map((o) => (
        <button
          key={o.locale}
          type="submit"
          name="locale"
          value={o.locale}
          aria-label={o.label}
          title={o.label}
          className="rounded px-2 py-1 text-slate-700 underline-offset-2 hover:underline dark:text-slate-200"
          data-testid="language-switcher"
        >
          <span lang={o.locale}>{o.name}</span>
        </button>
      ))}
    </form>
  );
}
