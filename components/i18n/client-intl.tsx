// Gives the client components below it the catalogs they need, and no others: the namespaces
// named here plus `common`. Locale and time zone come from lib/i18n/request.ts; "now" is the
// server's, so relative times render the same on the server and at hydration.
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getNow } from 'next-intl/server';
import type { ReactNode } from 'react';
import { pickMessages } from '@/lib/i18n/pick-messages';

export async function ClientIntl({ namespaces, children }: { namespaces: readonly string[]; children: ReactNode }) {
  const [messages, now] = await Promise.all([getMessages(), getNow()]);
  return (
    <NextIntlClientProvider messages={pickMessages(messages, namespaces)} now={now}>
      {children}
    </NextIntlClientProvider>
  );
}
