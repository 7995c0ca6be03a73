import { describe, expect, it } from 'vitest';
import { resolveCliRole } from './resolve-cli-role';

const roles = [
  { mappingId: '1', roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly', roleLabel: 'Dev read-only', accountLabel: 'Development' },
  { mappingId: '2', roleArn: 'arn:aws:iam::444455556666:role/ProdReadOnly', roleLabel: 'Read-only', accountLabel: 'Production' },
  { mappingId: '3', roleArn: 'arn:aws:iam::777788889999:role/ReadOnly', roleLabel: 'Read-only', accountLabel: 'Staging' },
  // The same role through a second group is one role.
  { mappingId: '4', roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly', roleLabel: 'Dev read-only', accountLabel: 'Development' },
];

describe('resolveCliRole', () => {
  it('by ARN, exactly', () => {
    expect(resolveCliRole(roles, 'arn:aws:iam::444455556666:role/ProdReadOnly')).toMatchObject({ kind: 'found', role: { mappingId: '2' } });
    expect(resolveCliRole(roles, 'arn:aws:iam::444455556666:role/prodreadonly').kind).toBe('none');
  });
  it('by the name keyport roles prints, and by the profile name configure writes', () => {
    expect(resolveCliRole(roles, 'production/read-only')).toMatchObject({ kind: 'found', role: { mappingId: '2' } });
    expect(resolveCliRole(roles, 'Production-Read-only')).toMatchObject({ kind: 'found', role: { mappingId: '2' } });
    expect(resolveCliRole(roles, 'Dev read-only')).toMatchObject({ kind: 'found', role: { roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly' } });
  });
  it('never guesses between two roles of one name', () => {
    const r = resolveCliRole(roles, 'read-only');
    expect(r.kind).toBe('ambiguous');
    if (r.kind === 'ambiguous') expect(r.names).toHaveLength(2);
  });
  it('refuses what is not the person’s', () => {
    for (const w of ['', 'ProdAdmin', 'arn:aws:iam::444455556666:role/platform/ProdAdmin', '*']) expect(resolveCliRole(roles, w).kind).toBe('none');
  });
});
