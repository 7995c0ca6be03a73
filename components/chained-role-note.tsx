// Role chaining, as the person sees it: which role the credentials are for, which role they go
// through, and why they last at most an hour. One small component, shown in the catalog and on
// the request form.
const CHAIN_LIMIT = 'AWS limits a chained session to 1 hour';

export function ChainedRoleNote({ targetRoleArn, hubRoleArn, where }: { targetRoleArn: string | null; hubRoleArn: string; where: 'catalog' | 'form' }) {
  if (!targetRoleArn) return null;
  return (
    <p className="mt-1 text-xs text-slate-600" data-testid="chained-role-note">
      Credentials for <span className="break-all font-mono">{targetRoleArn}</span>, reached through <span className="break-all font-mono">{hubRoleArn}</span> (role chaining).{' '}
      {where === 'form' ? `${CHAIN_LIMIT}, so a longer request gets 1 hour.` : `${CHAIN_LIMIT}.`}
    </p>
  );
}
