import { redirect } from 'next/navigation';
import { SignInButton } from '@/components/sign-in-button';
import { currentActor } from '@/lib/auth/current-actor';
import { OIDC_PROVIDER_ID } from '@/lib/auth/options';
import { getConfig } from '@/lib/config';
import { safeReturnPath } from '@/lib/http/safe-return-path';
import { GROUPS_OVERAGE_MESSAGE } from '@/lib/auth/claims';
import { oidcFailureMessage } from '@/lib/auth/oidc-callback-failure';
import { NO_NEW_ID_TOKEN_MESSAGE } from '@/lib/auth/web-identity-token';
import { samlErrorMessage } from '@/lib/saml/explain-saml-failure';

// next-auth error codes, in words a person can act on.
const ERRORS: Record<string, string> = {
  OAuthSignin: 'We could not start the sign-in with your identity provider. Try again; if it keeps failing, the IdP may be down.',
  OAuthCallback: 'Your identity provider sent back an answer we could not verify. Sign in again.',
  OAuthCreateAccount: 'We could not create your session. Try again.',
  Callback: 'The sign-in could not be completed. Sign in again.',
  AccessDenied: 'Your identity provider refused the sign-in.',
  SessionRequired: 'Your session has ended. Sign in again.',
  Configuration: 'Keyport is misconfigured; the administrators have been told (see the server log).',
  GroupsOverage: GROUPS_OVERAGE_MESSAGE,
  Default: 'The sign-in failed. Try again.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const cfg = getConfig();
  const callbackUrl = safeReturnPath(params.callbackUrl, cfg.publicUrl);
  if (await currentActor()) redirect(callbackUrl);
  const error = params.error ? (oidcFailureMessage(params.oidcStep, params.oidcError) ?? ERRORS[params.error] ?? ERRORS.Default) : params.samlError ? (samlErrorMessage(params.samlError, 'sign-in') ?? ERRORS.Default) : null;
  return (
    <div className="mx-auto mt-12 max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">Sign in to Keyport</h1>
      <p className="mt-2 text-sm text-slate-600">
        Keyport gives you temporary AWS credentials for the roles your groups allow. Sign in with your company account.
      </p>
      {params.reason === 'no_id_token' && !error && <p className="mt-4 rounded bg-slate-100 p-3 text-sm text-slate-700">{NO_NEW_ID_TOKEN_MESSAGE}</p>}
      {params.reason === 'expired' && !error && (
        <p className="mt-4 rounded bg-slate-100 p-3 text-sm text-slate-700">Your sign-in has expired. Sign in again and you will be taken back to your request.</p>
      )}
      {params.signedOut && !error && <p className="mt-4 rounded bg-slate-100 p-3 text-sm text-slate-700">You are signed out.</p>}
      {error && (
        <p role="alert" className="mt-4 rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}
      <div className="mt-6 grid gap-3">
        {cfg.oidcEnabled && <SignInButton providerId={OIDC_PROVIDER_ID} label={`Sign in with ${cfg.oidc.displayName}`} callbackUrl={callbackUrl} />}
        {cfg.saml && (
          // A plain link: /api/saml/login records the AuthnRequest and redirects to the IdP.
          <a
            href={`/api/saml/login?callbackUrl=${encodeURIComponent(callbackUrl)}`}
            className="block w-full rounded-md border border-slate-900 px-4 py-2 text-center font-medium text-slate-900 hover:bg-slate-100"
          >
            {`Sign in with ${cfg.saml.displayName}`}
          </a>
        )}
      </div>
      {cfg.mode === 'sandbox' && (
        <p className="mt-4 text-xs text-slate-500">
          Sandbox: sign in as <code>alice</code> / <code>alice-sandbox</code> (engineer), <code>adam</code> / <code>adam-sandbox</code> (admin),{' '}
          <code>rita</code> / <code>rita-sandbox</code> (security), <code>noah</code> / <code>noah-sandbox</code> (no mapped group); through SAML also <code>sam</code> / <code>sam-sandbox</code> (SAML only).
        </p>
      )}
    </div>
  );
}
