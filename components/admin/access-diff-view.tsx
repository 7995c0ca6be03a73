// Whose access a change adds or removes: per group, and per person last seen with the groups.
import type { AccessDiff } from '@/lib/mappings/diff-access';

function roleName(arn: string): string {
  return arn.split(':').slice(4).join(':');
}

export function AccessDiffView({ diff }: { diff: AccessDiff }) {
  if (diff.groups.length === 0 && diff.people.length === 0) {
    return (
      <p className="text-sm text-slate-700" data-testid="access-diff">
        This change does not add or remove any role for any group.
      </p>
    );
  }
  return (
    <div className="grid gap-3 text-sm" data-testid="access-diff">
      <div>
        <h3 className="font-medium text-slate-800">By group</h3>
        <ul className="mt-1 list-disc pl-5">
          {diff.groups.map((g) => (
            <li key={g.group}>
              <code className="rounded bg-slate-100 px-1">{g.group}</code>
              {g.added.map((r) => (
                <span key={`+${r}`} className="ml-2 text-green-800">+ {roleName(r)}</span>
              ))}
              {g.removed.map((r) => (
                <span key={`-${r}`} className="ml-2 text-red-800">− {roleName(r)}</span>
              ))}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="font-medium text-slate-800">People last seen with these groups (audit log, last 90 days)</h3>
        {diff.people.length === 0 ? (
          <p className="text-slate-600">Nobody seen recently is affected.</p>
        ) : (
          <ul className="mt-1 list-disc pl-5">
            {diff.people.map((p) => (
              <li key={p.sub}>
                {p.name ?? p.email ?? p.sub}
                {p.email && p.name ? <span className="text-slate-500"> ({p.email})</span> : null}
                {p.added.map((r) => (
                  <span key={`+${r}`} className="ml-2 text-green-800">gains {roleName(r)}</span>
                ))}
                {p.removed.map((r) => (
                  <span key={`-${r}`} className="ml-2 text-red-800">loses {roleName(r)}</span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
