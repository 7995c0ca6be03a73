import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { SiteHeader } from '@/components/site-header';
import { displayName } from '@/lib/auth/actor';
import { currentActor } from '@/lib/auth/current-actor';
import { getConfig } from '@/lib/config';
import { pickMessages } from '@/lib/i18n/pick-messages';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  // Each page names itself (`title`); the template adds the product name.
  return { title: { default: t('appTitle'), template: t('titleTemplate', { title: '%s' }) }, description: t('appDescription') };
}

// Every page depends on the session and carries a per-request CSP nonce: never prerendered.
export const dynamic = 'force-dynamic';

export default async function RootLayout({ children }: { children: ReactNode }) {
  const cfg = getConfig();
  const [actor, locale, messages, t] = await Promise.all([currentActor(), getLocale(), getMessages(), getTranslations('common')]);
  const user = actor
    ? {
        displayName: displayName(actor),
        email: actor.email,
        isAdmin: actor.roles.includes('admin'),
        isAuditor: actor.roles.includes('auditor'),
      }
    : null;
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        {/* Only `common` and `pages` (error.tsx) reach the client here; each client island gets its own namespaces (ClientIntl). */}
        <NextIntlClientProvider messages={pickMessages(messages, ['pages'])}>
          <a href="#main" className="skip-link">
            {t('skipToContent')}
          </a>
          <SiteHeader user={user} sandbox={cfg.mode === 'sandbox'} />
          <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none sm:py-8">
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
