import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientIntl } from '@/components/i18n/client-intl';
import { NoRoles } from '@/components/no-roles';
import { OtherSignInRoles } from '@/components/other-sign-in-roles';
import { RoleCatalog, type CatalogCard } from '@/components/role-catalog';
import { displayName } from '@/lib/auth/actor';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { readCatalog } from '@/lib/entitlements/list-catalog';
import { requirePageActor } from '@/lib/http/page-auth';

export async function generateMetadata(): Promise<Metadata> {
  // The layout's title template applies to the segments below it, not to its own page.
  const [t, common] = await Promise.all([getTranslations('catalog'), getTranslations('common')]);
  return { title: { absolute: common('titleTemplate', { title: t('title') }) } };
}

export default async function HomePage() {
  const actor = await requirePageActor({ permission: ['catalog', 'read'], returnTo: '/' });
  const [{ roles, otherSignIn }, t, explain] = await Promise.all([readCatalog({ db: getDb(), actor }), getTranslations('catalog'), getTranslations('explain')]);
  // The fix of a broken role is worded here, so the client gets one sentence, not the catalog.
  const cards: CatalogCard[] = roles.map((r) => ({
    ...r,
    healthFix: r.health ? explain(r.health.fix.key as never, (r.health.fix.values ?? {}) as never) : null,
  }));
  return (
    <section>
      <h1 className="text-2xl font-semibold">{t('heading')}</h1>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t.rich('intro', { name: displayName(actor), n: (c) => <span translate="no">{c}</span> })}</p>
      {roles.length === 0 && otherSignIn.length === 0 ? (
        <NoRoles groups={actor.groups} supportContact={getConfig().supportContact} />
      ) : (
        <div className="mt-6">
          {roles.length > 0 && (
            <ClientIntl namespaces={['catalog']}>
              <RoleCatalog roles={cards} />
            </ClientIntl>
          )}
          <OtherSignInRoles roles={otherSignIn} />
        </div>
      )}
    </section>
  );
}
