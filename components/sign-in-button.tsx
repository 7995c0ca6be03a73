'use client';
// Starts the OIDC sign-in through next-auth (it fetches the CSRF token and redirects to the IdP).
import { signIn } from 'next-auth/react';
import { useState, type ReactNode } from 'react';

export function SignInButton({ providerId, label, busyLabel, callbackUrl }: { providerId: string; label: ReactNode; busyLabel: string; callbackUrl: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void signIn(providerId, { callbackUrl });
      }}
      className="w-full rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60 dark:bg-white dark:text-slate-900 dark:hover:bg-slate-200"
    >
      {busy ? busyLabel : label}
    </button>
  );
}
