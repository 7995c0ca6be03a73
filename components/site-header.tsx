// The header on every page: product name, sandbox warning, navigation, who is signed in, the
// language switcher and sign-out. A server component; only the two parts that need the current
// address (aria-current, the switcher's way back) run in the browser, given their words as props.
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { LOCALES, LOCALE_NAMES, type Locale } from '@/lib/i18n/locales';
import { LanguageSwitcher } from './language-switcher';
import { NavLinks } from './nav-links';

export interface HeaderUser {
  displayName: string;
  email: string | null;
  isAdmin: boolean;
  isAuditor: boolean;
}

export async function SiteHeader({ user, sandbox }: { user: HeaderUser | null; sandbox: boolean }) {
  const t = await getTranslations('header');
  const decode = await getTranslations('decode');
  const locale = (await getLocale()) as Locale;
  const links = user
    ? [
        { href: '/', label: t('navRoles'), exact: true },
        ...(user.isAdmin ? [{ href: '/admin/mappings', label: t('navMappings') }] : []),
        { href: '/history', label: t('navHistory') },
        { href: '/decode', label: decode('nav') },
        { href: '/devices', label: t('navDevices') },
        ...(user.isAdmin || user.isAuditor ? [{ href: '/audit', label: t('navAudit') }, { href: '/people', label: t('navPeople') }, { href: '/revocations', label: t('navRevocations') }] : []),
      ]
    : [];
  const others = LOCALES.filter((l) => l !== locale).map((l) => ({ locale: l, name: LOCALE_NAMES[l], label: t('switchTo', { language: LOCALE_NAMES[l] }) }));
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      {sandbox && (
        <div className="bg-amber-400 px-4 py-1 text-center text-xs font-semibold tracking-wide text-amber-950" role="status">
          {t('sandboxBanner')}
        </div>
      )}
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="order-1 text-lg font-bold tracking-tight text-slate-900 dark:text-white">
          Keyport
        </Link>
        {user && <NavLinks label={t('mainNav')} links={links} />}
        {user && (
          <span className="order-4 w-full min-w-0 truncate text-xs text-slate-700 sm:order-3 sm:ml-auto sm:w-auto sm:text-sm dark:text-slate-300" data-testid="signed-in-user">
            {t.rich('signedInAs', { name: user.displayName, strong: (chunks) => <strong translate="no">{chunks}</strong> })}
            {user.email && user.email !== user.displayName ? <span className="text-slate-600 dark:text-slate-400" translate="no"> ({user.email})</span> : null}
          </span>
        )}
        <div className={`order-2 ml-auto flex items-center gap-3 text-sm sm:order-4 ${user ? 'sm:ml-0' : ''}`}>
          <LanguageSwitcher others={others} />
          {user ? (
            <form action="/api/signout" method="post">
              <button type="submit" className="rounded border border-slate-300 px-3 py-1 text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800">
                {t('signOut')}
              </button>
            </form>
          ) : (
            <Link href="/signin" className="text-slate-700 underline-offset-2 hover:text-slate-900 hover:underline dark:text-slate-200">
              {t('signIn')}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
