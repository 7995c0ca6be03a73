import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import { displayName } from '@/lib/auth/actor';
import { currentActor } from '@/lib/auth/current-actor';
import { getConfig } from '@/lib/config';
import './globals.css';

export const metadata: Metadata = {
  title: 'Keyport — temporary AWS credentials',
  description: 'Temporary AWS credentials through your company sign-in',
};

// Every page depends on the session and carries a per-request CSP nonce: never prerendered.
export const dynamic = 'force-dynamic';

export default async function RootLayout({ children }: { children: ReactNode }) {
  const cfg = getConfig();
  const actor = await currentActor();
  const user = actor
    ? {
        displayName: displayName(actor),
        email: actor.email,
        isAdmin: actor.roles.includes('admin'),
        isAuditor: actor.roles.includes('auditor'),
      }
    : null;
  return (
    <html lang="en">
      <body className="min-h-screen">
        <SiteHeader user={user} sandbox={cfg.mode === 'sandbox'} />
        <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
      </body>
    </html>
  );
}
