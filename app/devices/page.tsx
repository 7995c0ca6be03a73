// /devices — Your devices: the person's keyport CLI sign-ins, each revocable. Scoped to the person
// in the query (list-cli-tokens.ts).
import { DevicesTable } from '@/components/cli/devices-table';
import { devicesStrings as t } from '@/components/cli/devices-strings';
import { listCliTokens } from '@/lib/cli-auth/list-cli-tokens';
import { getDb } from '@/lib/db/client';
import { requirePageActor } from '@/lib/http/page-auth';

export const dynamic = 'force-dynamic';

export default async function DevicesPage() {
  const actor = await requirePageActor({ permission: ['catalog', 'read'], returnTo: '/devices' });
  const devices = await listCliTokens({ db: getDb(), personSub: actor.sub });
  return (
    <section>
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <p className="mt-1 text-sm text-slate-600">{t.intro}</p>
      <DevicesTable devices={devices} />
    </section>
  );
}
