// /cli/device — the verification page of `keyport login --device-code` (RFC 8628 3.3): the person
// types the code from their terminal (never taken from the link: a code in a link is how device
// code phishing works, RFC 8628 5.4), sees who asked (address, program) and confirms.
import { DeviceApproval } from '@/components/cli/device-approval';
import { deviceStrings as t } from '@/components/cli/device-strings';
import { requirePageActor } from '@/lib/http/page-auth';

export default async function CliDevicePage() {
  await requirePageActor({ permission: ['catalog', 'read'], returnTo: '/cli/device' });
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <p className="mt-2 text-sm text-slate-700">{t.intro}</p>
      <DeviceApproval />
    </section>
  );
}
