import { describe, expect, it } from 'vitest';
import { appRolesFor, can } from './permissions';

const cfg = { adminGroups: ['keyport-admins'], auditorGroups: ['security-reviewers'] };

describe('permissions', () => {
  it('makes everyone an employee and adds roles from configured groups only', () => {
    expect(appRolesFor(['engineering'], cfg)).toEqual(['employee']);
    expect(appRolesFor(['security-reviewers'], cfg)).toEqual(['employee', 'auditor']);
    expect(appRolesFor(['keyport-admins'], cfg)).toEqual(['employee', 'admin']);
    expect(appRolesFor(['Keyport-Admins'], cfg)).toEqual(['employee']);
  });

  it('leaves a revoked person only the employee role, whatever their groups', () => {
    expect(appRolesFor(['keyport-admins', 'security-reviewers'], { ...cfg, revoked: true })).toEqual(['employee']);
    expect(appRolesFor(['security-reviewers'], { ...cfg, revoked: false })).toEqual(['employee', 'auditor']);
  });

  it('denies what the table does not grant', () => {
    expect(can(['employee'], ['credentials', 'issue'])).toBe(true);
    expect(can(['employee'], ['mappings', 'read'])).toBe(false);
    expect(can(['employee'], ['audit', 'read'])).toBe(false);
    expect(can(['employee', 'auditor'], ['audit', 'export'])).toBe(true);
    expect(can(['employee', 'auditor'], ['mappings', 'create'])).toBe(false);
    expect(can(['employee', 'admin'], ['mappings', 'delete'])).toBe(true);
    expect(can([], ['catalog', 'read'])).toBe(false);
  });
});
