import { describe, expect, it } from 'vitest';
import { readDenialText } from './read-denial-text';

const ENCODED = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGhIjKlMnOp';

describe('readDenialText', () => {
  it('reads the whole error: the encoded part, the account of the principal, and the policy type AWS named', () => {
    const t = readDenialText(
      `An error occurred (UnauthorizedOperation): You are not authorized to perform this operation. User: arn:aws:sts::777788889999:assumed-role/SharedServicesReadOnly/alice@example.com is not authorized to perform: sandbox:ReadDemoSecret on resource: arn:aws:sandbox:us-east-1:777788889999:secret/payroll with an explicit deny in an identity-based policy. Encoded authorization failure message: ${ENCODED}`,
    );
    expect(t).toEqual({ encoded: ENCODED, accountId: '777788889999', partition: 'aws', statedPolicyType: 'identity-based policy', statedExplicitDeny: true });
  });

  it('reads a missing allow and other policy types', () => {
    expect(readDenialText(`User: arn:aws:iam::111122223333:user/bob is not authorized to perform: s3:GetObject because no resource-based policy allows the s3:GetObject action. Encoded authorization failure message: ${ENCODED}`)).toMatchObject({ statedPolicyType: 'resource-based policy', statedExplicitDeny: false, accountId: '111122223333' });
    expect(readDenialText(`… with an explicit deny in a service control policy. Encoded authorization failure message: ${ENCODED}`).statedPolicyType).toBe('service control policy');
    expect(readDenialText(`User: arn:aws-cn:sts::111122223333:assumed-role/R/s is not authorized … Encoded authorization failure message: ${ENCODED}`)).toMatchObject({ partition: 'aws-cn', accountId: '111122223333' });
    expect(readDenialText(`… with an explicit deny in a permissions boundary. Encoded authorization failure message: ${ENCODED}`).statedPolicyType).toBe('permissions boundary');
  });

  it('takes the encoded text alone, and nothing from text that holds none', () => {
    expect(readDenialText(`  ${ENCODED}\n`)).toEqual({ encoded: ENCODED, accountId: null, partition: 'aws', statedPolicyType: null, statedExplicitDeny: null });
    expect(readDenialText('Access Denied').encoded).toBeNull();
    expect(readDenialText('short').encoded).toBeNull();
    expect(readDenialText(`Encoded authorization failure message: ${'A'.repeat(10241)}`).encoded).toBeNull();
  });

  it('does not take a policy type AWS does not have', () => {
    expect(readDenialText(`with an explicit deny in a magic policy. Encoded authorization failure message: ${ENCODED}`).statedPolicyType).toBeNull();
  });
});
