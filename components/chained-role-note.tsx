// Role chaining, as the person sees it: which role the credentials are for, which role they go
// through, and why they last at most an hour. One small component, shown in the catalog (a client
// component: its ClientIntl needs the `chain` namespace) and on the request page (server).
import { useTranslations } from 'next-intl';

export function ChainedRoleNote({ targetRoleArn, hubRoleArn, where }: { targetRoleArn: string | null; hubRoleArn: string; where: 'catalog' | 'form' }) {
  const t = useTranslations('chain');
  if (!targetRoleArn) return null;
  return (
    <p className="mt-1 text-xs text-slate-700 dark:text-slate-300" data-testid="chained-role-note">
      {t.rich('note', { target: targetRoleArn, hub: hubRoleArn, arn: (c) => <span className="font-mono break-all" translate="no">{c}</span> })} {where === 'form' ? t('limitForm') : t('limitCatalog')}
    </p>
  );
}
