import { describe, expect, it } from 'vitest';
import { explainDecodedMessage, parseAssumedRoleArn, parseDecodedMessage } from './explain-decoded-message';

const decoded = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    allowed: false,
    explicitDeny: true,
    matchedStatements: {
      items: [
        {
          statementId: 'DenyPayrollToEveryone',
          effect: 'DENY',
          principals: { items: [{ value: 'AROAEXAMPLEROLEID000' }] },
          principalGroups: { items: [] },
          actions: { items: [{ value: 'sandbox:ReadDemoSecret' }] },
          resources: { items: [{ value: 'arn:aws:sandbox:*:777788889999:secret/payroll' }] },
          conditions: { items: [] },
        },
      ],
    },
    failures: { items: [] },
    context: {
      principal: { id: 'AROAEXAMPLEROLEID000:alice@example.com', arn: 'arn:aws:sts::777788889999:assumed-role/SharedServicesReadOnly/alice@example.com' },
      action: 'sandbox:ReadDemoSecret',
      resource: 'arn:aws:sandbox:us-east-1:777788889999:secret/payroll',
      conditions: { items: [{ key: 'aws:SourceIdentity', values: { items: [{ value: 'alice@example.com' }] } }] },
    },
    ...over,
  });

describe('explainDecodedMessage', () => {
  it('puts an explicit deny of the role’s own policy in words, with the statement and the session', () => {
    const d = parseDecodedMessage(decoded());
    if (!d) throw new Error('did not parse');
    const e = explainDecodedMessage(d, { policyType: null });
    expect(e.verdict).toBe('An explicit deny in an identity-based policy refused it: a Deny statement matched, and a Deny wins over every Allow.');
    expect(e).toMatchObject({ explicitDeny: true, policyType: 'identity-based policy', policyTypeSource: 'matched-statement', action: 'sandbox:ReadDemoSecret' });
    expect(e.session).toEqual({ accountId: '777788889999', roleName: 'SharedServicesReadOnly', sessionName: 'alice@example.com' });
    expect(e.statements).toEqual([{ statementId: 'DenyPayrollToEveryone', effect: 'DENY', actions: ['sandbox:ReadDemoSecret'], resources: ['arn:aws:sandbox:*:777788889999:secret/payroll'], conditions: [] }]);
    expect(e.context).toEqual([{ key: 'aws:SourceIdentity', values: ['alice@example.com'] }]);
  });

  it('prefers the policy type AWS named in its error text', () => {
    const d = parseDecodedMessage(decoded());
    if (!d) throw new Error('did not parse');
    const e = explainDecodedMessage(d, { policyType: 'service control policy' });
    expect(e).toMatchObject({ policyType: 'service control policy', policyTypeSource: 'aws-text' });
    expect(e.verdict).toMatch(/^An explicit deny in a service control policy refused it/);
  });

  it('explains a missing allow, and does not guess a policy type it cannot know', () => {
    const d = parseDecodedMessage(decoded({ explicitDeny: false, matchedStatements: { items: [] } }));
    if (!d) throw new Error('did not parse');
    const e = explainDecodedMessage(d, { policyType: null });
    expect(e.verdict).toMatch(/^No policy allowed it: nothing denied it explicitly/);
    expect(e.policyType).toBeNull();
  });

  it('refuses what is not AWS’s document', () => {
    expect(parseDecodedMessage('not json')).toBeNull();
    expect(parseDecodedMessage('{"allowed":"no"}')).toBeNull();
    expect(parseDecodedMessage('{"allowed":false,"explicitDeny":false}')).toBeNull();
  });

  it('reads assumed-role ARNs only', () => {
    expect(parseAssumedRoleArn('arn:aws:iam::111122223333:user/bob')).toBeNull();
    expect(parseAssumedRoleArn('arn:aws-us-gov:sts::111122223333:assumed-role/R/s@x')).toEqual({ accountId: '111122223333', roleName: 'R', sessionName: 's@x' });
  });
});
