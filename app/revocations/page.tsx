// /revocations — revocations in force and lifted, a way to lift each, and role revocation.
import { EventTime } from '@/components/audit/event-time';
import { LiftRevocationForm } from '@/components/audit/lift-revocation-form';
import { RevokeSessionsForm } from '@/components/audit/revoke-sessions-form';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { requirePageActor } from '@/lib/http/page-auth';
import { listRevocations } from '@/lib/revocation/list-revocations';

export default async function RevocationsPage() {
  const actor = await requirePageActor({ permission: ['revocations', 'read'], returnTo: '/revocations' });
  const db = getDb();
  const revocations = await listRevocations({ db });
  const roles = await db.roleMapping.findMany({ distinct: ['roleArn'], select: { roleArn: true }, orderBy: { roleArn: 'asc' } });
  const mayLift = can(actor.roles, ['revocations', 'lift']);
  return (
    <section>
      <h1 className="text-2xl font-semibold">Revocations</h1>
      <p className="mt-1 text-sm text-slate-600">
        A revocation is an inline IAM policy on the role that denies everything to sessions issued before a moment — of the whole role, or of one person. Lifting removes the policy.
      </p>
      {can(actor.roles, ['revocations', 'create']) && roles.length > 0 && (
        <div className="mt-6 max-w-2xl">
          <RevokeSessionsForm target={null} roleChoices={roles.map((r) => r.roleArn)} />
        </div>
      )}
      <ul className="mt-6 grid gap-3">
        {revocations.length === 0 && <li className="text-sm text-slate-600">No revocation yet.</li>}
        {revocations.map((r) => (
          <li key={r.id} className={`rounded-lg border p-4 [overflow-wrap:anywhere] ${r.liftedAt ? 'border-slate-200 bg-slate-50' : 'border-red-200 bg-white'}`} data-testid="revocation-row" data-revocation-id={r.id}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 className="font-semibold">
                {r.kind === 'PERSON' ? `Person: ${r.personLabel ?? r.personSub ?? ''}` : `Role: ${r.roleArns[0] ?? ''}`}
              </h2>
              <span className={`rounded px-2 py-0.5 text-xs font-semibold ${r.liftedAt ? 'bg-slate-200 text-slate-700' : 'bg-red-100 text-red-900'}`} data-testid="revocation-status">
                {r.liftedAt ? 'Lifted' : 'In force'}
              </span>
            </div>
            <p className="mt-1 text-sm">
              Sessions issued before <EventTime iso={r.revokedBefore} /> — by {r.createdByName}
            </p>
            <p className="mt-1 text-sm text-slate-700">Reason: {r.reason}</p>
            {r.kind === 'PERSON' && <p className="mt-1 font-mono text-xs text-slate-600">Session names: {r.sessionNames.join(', ')}</p>}
            <p className="mt-1 break-all font-mono text-xs text-slate-600">
              {r.policyName} on {r.roleArns.join(', ')}
            </p>
            {r.failures.length > 0 && <p className="mt-1 text-sm text-red-800">Not applied: {r.failures.map((f) => `${f.roleArn} (${f.code})`).join(', ')}</p>}
            {r.liftedAt ? (
              <p className="mt-2 text-sm text-slate-600">
                Lifted <EventTime iso={r.liftedAt} /> by {r.liftedByName ?? ''}: {r.liftReason ?? ''}
              </p>
            ) : (
              mayLift && <LiftRevocationForm revocationId={r.id} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
