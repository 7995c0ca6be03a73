import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { cache } from 'react';
import { getTranslations } from 'next-intl/server';
import { ClientIntl } from '@/components/i18n/client-intl';
import { NoRoles } from '@/components/no-roles';
import { RequestCredentials } from '@/components/request-credentials';
import { listIssuanceChoices } from '@/lib/choices/list-issuance-choices';
import { getConfig } from '@/lib/config';
import { sanitizeProfileName } from '@/lib/credentials/sanitize-profile-name';
import { getDb } from '@/lib/db/client';
import { readCatalog } from '@/lib/entitlements/list-catalog';
import { requirePageActor } from '@/lib/http/page-auth';
import { samlErrorExplanation } from '@/lib/saml/explain-saml-failure';

type Props = { params: Promise<{ mappingId: string }>; searchParams: Promise<Record<string, string | undefined>> };

// One catalog read per request, shared by the title and the page.
const pageCatalog = cache(async (mappingId: string) => {
  const actor = await requirePageActor({ permission: ['credentials', 'issue'], returnTo: `/roles/${encodeURIComponent(mappingId)}` });
  return { actor, ...(await readCatalog({ db: getDb(), actor })) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { mappingId } = await params;
  const { roles } = await pageCatalog(mappingId);
  const role = roles.find((r) => r.mappingId === mappingId);
  return { title: role ? role.roleLabel : (await getTranslations('credentials'))('notAvailableTitle') };
}

export default async function RolePage({ params, searchParams }: Props) {
  const { mappingId } = await params;
  const query = await searchParams;
  const { actor, roles, otherSignIn } = await pageCatalog(mappingId);
  const db = getDb();
  const [choices, t, catalog, explain, h] = await Promise.all([
    listIssuanceChoices({ db, actorSub: actor.sub }),
    getTranslations('credentials'),
    getTranslations('catalog'),
    getTranslations('explain'),
    headers(),
  ]);
  const role = roles.find((r) => r.mappingId === mappingId);
  const link = 'text-sm text-blue-800 underline underline-offset-2 dark:text-sky-300';
  if (!role) {
    const other = otherSignIn.find((r) => r.mappingId === mappingId);
    return (
      <section>
        <h1 className="text-2xl font-semibold">{other ? explain('issue.wrongSignIn', { kind: other.needs }) : t('notAvailableTitle')}</h1>
        {!other && <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{t('notAvailableBody')}</p>}
        {roles.length === 0 && otherSignIn.length === 0 ? (
          <NoRoles groups={actor.groups} supportContact={getConfig().supportContact} />
        ) : (
          <Link href="/" className={`mt-4 inline-block ${link}`}>
            {t('seeYourRoles')}
          </Link>
        )}
      </section>
    );
  }
  const resumed = query.resumed === '1';
  const duration = query.duration ? Number(query.duration) : null;
  const choice = choices.get(role.mappingId) ?? null;
  const usable = role.lastChoice;
  // "Again" issues at once only when the click came from Keyport's own page (Sec-Fetch-Site is set
  // by the browser): a link from elsewhere opens the form filled in, and waits for a click.
  const autoIssue = query.again === '1' && usable !== null && h.get('sec-fetch-site') === 'same-origin';
  const samlError = samlErrorExplanation(query.samlError, 'issuance');
  const roleName = role.roleArn.split('/').pop() ?? role.roleLabel;
  return (
    <section>
      <Link href="/" className={link}>
        {t('backToRoles')}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold" translate="no">
        {role.roleLabel}
      </h1>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300" translate="no">
        {role.accountLabel} · {role.accountId} · <span className="font-mono text-xs break-all">{role.roleArn}</span>
      </p>
      {role.description && (
        <p className="mt-2 text-sm text-slate-800 dark:text-slate-200" translate="no">
          {role.description}
        </p>
      )}
      {role.health && (
        <div role="note" className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100" data-testid="role-health">
          <p className="font-semibold">{catalog.rich('health', { count: role.health.failureCount, code: role.health.errorCode, c: (c) => <code translate="no">{c}</code> })}</p>
          <p className="mt-1">{catalog('healthFix', { fix: explain(role.health.fix.key as never, (role.health.fix.values ?? {}) as never) })}</p>
        </div>
      )}
      {resumed && <p className="mt-3 rounded bg-slate-100 p-2 text-sm dark:bg-slate-800">{t('resumed')}</p>}
      <ClientIntl namespaces={['credentials', 'explain']}>
        <RequestCredentials
          role={{ mappingId: role.mappingId, roleLabel: role.roleLabel, maxDurationSeconds: role.maxDurationSeconds, allowedRegions: role.allowedRegions, defaultRegion: role.defaultRegion }}
          initialDuration={duration !== null && Number.isFinite(duration) ? duration : (usable?.durationSeconds ?? null)}
          initialRegion={query.region ?? usable?.region ?? null}
          initialFormat={choice?.outputFormat ?? null}
          initialProfileName={choice?.profileName ?? null}
          defaultProfileName={sanitizeProfileName(`${role.accountLabel}-${roleName}`)}
          autoIssue={autoIssue}
          via={actor.idpKind === 'SAML' ? 'saml' : 'oidc'}
          samlResult={query.saml === 'result'}
          samlError={samlError ? explain(samlError.key as never, (samlError.values ?? {}) as never) : null}
        />
      </ClientIntl>
    </section>
  );
}
