// /decode — "Why was I denied?": paste an AWS error with an encoded authorization failure message;
// Keyport decodes it (POST /api/decode) for the person the session was issued to, or a reviewer.
import { DecodeForm } from '@/components/decode/decode-form';
import { DECODE_STRINGS as T } from '@/components/decode/decode-strings';
import { getDb } from '@/lib/db/client';
import { listDecodeAccounts } from '@/lib/decode/list-decode-accounts';
import { requirePageActor } from '@/lib/http/page-auth';

export const dynamic = 'force-dynamic';

export default async function DecodePage() {
  const actor = await requirePageActor({ permission: ['authz-messages', 'decode'], returnTo: '/decode' });
  const accounts = await listDecodeAccounts({ db: getDb(), actor });
  return (
    <section className="max-w-3xl">
      <h1 className="text-2xl font-semibold">{T.title}</h1>
      <p className="mt-2 text-sm text-slate-600">{T.intro}</p>
      <DecodeForm accounts={accounts} />
    </section>
  );
}
