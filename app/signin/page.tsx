import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignInButton } from '@/components/sign-in-button';
import { currentActor } from '@/lib/auth/current-actor';
import { OIDC_PROVIDER_ID } from '@/lib/auth/options';
import { getConfig } from '@/lib/config';
import { safeReturnPath } from '@/lib/http/safe-return-path';
import { GROUPS_OVERAGE_EXPLANATION } from '@/lib/auth/claims';
import { oidcFailureExplanation } from '@/lib/auth/oidc-callback-failure';
import { NO_NEW_ID_TOKEN_EXPLANATION } from '@/lib/auth/web-identity-token';
import type { Explanation } from '@/lib/i18n/explanation';
import { samlErrorExplanation } from '@/lib/saml/explain-saml-failure';

// next-auth's error codes that have their own words (signin.errors.*); others get Default.
const NEXT_AUTH_ERRORS = ['OAuthSignin', 'OAuthCallback', 'OAuthCreateAccount', 'Callback', 'AccessDenied', 'SessionRequired', 'Configuration'];

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('signin'))('title') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const cfg = getConfig();
  const callbackUrl = safeReturnPath(params.callbackUrl, cfg.publicUrl);
  if (await currentActor()) redirect(callbackUrl);
  const [t, explain] = await Promise.all([getTranslations('signin'), getTranslations('explain')]);
  const words = (e: Explanation) => explain(e.key as never, (e.values ?? {}) as never);
  // Cancelling at the IdP (OIDC `access_denied` from the authorization step) is not a failure to
  // alarm anyone about: a calm note and a way back.
  const cancelled = params.error !== undefined && params.oidcStep === 'authorization' && params.oidcError === 'access_denied';
  const explanation = params.error
    ? params.error === 'GroupsOverage'
      ? words(GROUPS_OVERAGE_EXPLANATION)
      : (() => {
          const e = oidcFailureExplanation(params.oidcStep, params.oidcError);
          return e ? words(e) : t(`errors.${NEXT_AUTH_ERRORS.includes(params.error) ? params.error : 'Default'}` as never);
        })()
    : params.samlError
      ? (() => {
          const e = samlErrorExplanation(params.samlError, 'sign-in');
          return e ? words(e) : t('errors.Default');
        })()
    : null;
  const oidcName = cfg.oidcEnabled ? cfg.oidc.displayName : null;
  const samlName = cfg.saml ? cfg.saml.displayName : null;
  const name = (c: ReactNode) => <span translate="no">{c}</span>;
  const note = 'mt-4 rounded bg-slate-100 p-3 text-sm text-slate-800 dark:bg-slate-800 dark:text-slate-200';
  return (
    <div className="mx-auto mt-6 max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:mt-12 sm:p-8 dark:border-slate-700 dark:bg-slate-900">
      <h1 className="text-2xl font-semibold">{t('heading')}</h1>
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{t('intro')}</p>
      {params.reason === 'no_id_token' && !explanation && <p className={note}>{words(NO_NEW_ID_TOKEN_EXPLANATION)}</p>}
      {params.reason === 'expired' && !explanation && <p className={note}>{t('expired')}</p>}
      {params.signedOut && !explanation && (
        <div role="status" className={note} data-testid="signed-out">
          <p>{t('signedOut')}</p>
          {params.idp && (params.idp === 'oidc' ? oidcName : samlName) && <p className="mt-1">{t.rich('idpSessionOpen', { idp: (params.idp === 'oidc' ? oidcName : samlName) ?? '', i: name })}</p>}
        </div>
      )}
      {cancelled ? (
        <div role="status" className="mt-4 rounded border border-slate-300 bg-slate-50 p-3 text-sm text-slate-800 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200" data-testid="sign-in-cancelled">
          <p className="font-medium">{t('cancelledTitle')}</p>
          <p className="mt-1">{t('cancelled')}</p>
        </div>
      ) : (
        explanation && (
          <p role="alert" className="mt-4 rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
            {explanation}
          </p>
        )
      )}
      {oidcName && samlName && <p className="mt-4 text-sm text-slate-700 dark:text-slate-300" data-testid="sign-in-choice">{t.rich('chooseBoth', { oidc: oidcName, saml: samlName, i: name })}</p>}
      <div className="mt-6 grid gap-3">
        {oidcName && (
          <SignInButton providerId={OIDC_PROVIDER_ID} label={cancelled ? t('retry') : t.rich('signInWith', { idp: oidcName, i: name })} busyLabel={t('redirecting')} callbackUrl={callbackUrl} />
        )}
        {samlName && (
          // A plain link: /api/saml/login records the AuthnRequest and redirects to the IdP.
          <a
            href={`/api/saml/login?callbackUrl=${encodeURIComponent(callbackUrl)}`}
            className="block w-full rounded-md border border-slate-900 px-4 py-2 text-center font-medium text-slate-900 hover:bg-slate-100 dark:border-slate-300 dark:text-slate-100 dark:hover:bg-slate-800"
          >
            {t.rich('signInWith', { idp: samlName, i: name })}
          </a>
        )}
      </div>
      {cfg.mode === 'sandbox' && (
        <p className="mt-4 text-xs text-slate-600 dark:text-slate-400">{t.rich('sandboxHint', { code: (c) => <code translate="no">{c}</code> })}</p>
      )}
    </div>
  );
}
