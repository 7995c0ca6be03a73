// Roles the person's groups give them only through the other sign-in (OIDC vs SAML): listed with
// what to do, rather than hidden (which read as "none of your groups is mapped").
import { getTranslations } from 'next-intl/server';
import type { OtherSignInEntry } from '@/lib/entitlements/list-catalog';

export async function OtherSignInRoles({ roles }: { roles: OtherSignInEntry[] }) {
  if (roles.length === 0) return null;
  const t = await getTranslations('catalog');
  const kind = roles[0]?.needs ?? 'SAML';
  return (
    <section className="mt-8" aria-labelledby="other-sign-in" data-testid="other-sign-in-roles">
      <h2 id="other-sign-in" className="text-sm font-semibold tracking-wide text-slate-700 uppercase dark:text-slate-300">
        {t('otherSignInTitle', { kind })}
      </h2>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t('otherSignInBody', { kind })}</p>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2">
        {roles.map((r) => (
          <li key={r.mappingId} className="rounded-lg border border-dashed border-slate-300 bg-white p-4 dark:border-slate-600 dark:bg-slate-900">
            <h3 className="font-semibold" translate="no">{r.roleLabel}</h3>
            <p className="text-xs text-slate-600 dark:text-slate-400" translate="no">
              {r.accountLabel} · {r.accountId}
            </p>
            <p className="mt-1 font-mono text-xs break-all text-slate-600 dark:text-slate-400" translate="no">{r.roleArn}</p>
            <p className="mt-2 text-xs font-medium text-slate-800 dark:text-slate-200">{t('needsSignIn', { kind: r.needs })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
