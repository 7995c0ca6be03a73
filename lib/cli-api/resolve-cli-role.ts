// Which of the person's roles `--role <name|arn>` names. Pure. In order: the role ARN; the
// `<account-label>/<role-label>` name `keyport roles` prints; the profile name `keyport configure`
// writes by default; the role label alone when exactly one role has it. Case-insensitive for
// names, exact for ARNs. A name two roles share is refused with both names, never guessed.
import { sanitizeProfileName } from '@/cli/src/shared/sanitize-profile-name.js';

export interface NamedRole {
  mappingId: string;
  roleArn: string;
  roleLabel: string;
  accountLabel: string;
}

export function roleDisplayName(r: Pick<NamedRole, 'accountLabel' | 'roleLabel'>): string {
  return `${r.accountLabel}/${r.roleLabel}`;
}

export type RoleMatch<R> = { kind: 'found'; role: R } | { kind: 'none' } | { kind: 'ambiguous'; names: string[] };

export function resolveCliRole<R extends NamedRole>(roles: readonly R[], wanted: string): RoleMatch<R> {
  const w = wanted.trim();
  const byArn = roles.filter((r) => r.roleArn === w);
  const lower = w.toLowerCase();
  const tries: ((r: R) => boolean)[] = [
    (r) => roleDisplayName(r).toLowerCase() === lower,
    (r) => sanitizeProfileName(`${r.accountLabel}-${r.roleLabel}`).toLowerCase() === lower,
    (r) => r.roleLabel.toLowerCase() === lower,
  ];
  for (const candidates of [byArn, ...tries.map((t) => roles.filter(t))]) {
    // One mapping per role ARN in a catalog; the same ARN through two groups is one role.
    const distinct = [...new Map(candidates.map((r) => [r.roleArn, r])).values()];
    if (distinct.length === 1 && distinct[0]) return { kind: 'found', role: distinct[0] };
    if (distinct.length > 1) return { kind: 'ambiguous', names: distinct.map((r) => `${roleDisplayName(r)} (${r.roleArn})`) };
  }
  return { kind: 'none' };
}
