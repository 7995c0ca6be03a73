import { describe, expect, it } from 'vitest';
import { DRY_RUN_DURATION_SECONDS, DRY_RUN_SESSION_POLICY, dryRunSessionName, dryRunUnavailable } from './dry-run-policy';

describe('the dry run of a mapping', () => {
  it('asks for a session that can do nothing, for the shortest time STS allows', () => {
    expect(JSON.parse(DRY_RUN_SESSION_POLICY)).toEqual({ Version: '2012-10-17', Statement: [{ Sid: 'KeyportDryRunDeniesEverything', Effect: 'Deny', Action: '*', Resource: '*' }] });
    expect(DRY_RUN_DURATION_SECONDS).toBe(900);
  });

  it('names the session after the admin, marked as a test, within RoleSessionName limits', () => {
    expect(dryRunSessionName('adam@example.com')).toBe('test=adam@example.com');
    const long = dryRunSessionName('a'.repeat(64));
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^test=[\w+=,.@-]+$/);
  });

  it('tests OIDC mappings in both modes, not SAML ones', () => {
    expect(dryRunUnavailable({ idpKind: 'OIDC', mode: 'broker' })).toBeNull();
    expect(dryRunUnavailable({ idpKind: 'OIDC', mode: 'passthrough' })).toBeNull();
    expect(dryRunUnavailable({ idpKind: 'BOTH', mode: 'passthrough' })).toBeNull();
    expect(dryRunUnavailable({ idpKind: 'OIDC', mode: 'broker-saml' })).toMatch(/SAML broker/);
    expect(dryRunUnavailable({ idpKind: 'SAML', mode: 'passthrough' })).toMatch(/SAML passthrough/);
  });
});
