import { describe, expect, it } from 'vitest';
import { chainTargetTrustPolicy, hubPermissionsPolicy, putHubPolicyCommand } from './chain-trust-policy';

const HUB = 'arn:aws:iam::111122223333:role/KeyportHub';
const TARGET = 'arn:aws:iam::777788889999:role/SharedServicesReadOnly';

describe('chainTargetTrustPolicy', () => {
  it('trusts the hub role itself (not its account) for AssumeRole, SourceIdentity and tags, only with a SourceIdentity', () => {
    const p = chainTargetTrustPolicy({ hubRoleArn: HUB });
    expect(p.Statement).toEqual([{ Effect: 'Allow', Principal: { AWS: HUB }, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'], Condition: { Null: { 'sts:SourceIdentity': 'false' } } }]);
    expect(JSON.stringify(p)).not.toContain(':root');
  });

  it('in broker mode binds the target to the mapping through its transitive tag', () => {
    const p = chainTargetTrustPolicy({ hubRoleArn: HUB, mappingId: 'm-1' });
    expect(p.Statement[0]?.Condition).toEqual({ Null: { 'sts:SourceIdentity': 'false' }, StringEquals: { 'aws:PrincipalTag/keyport-mapping': 'm-1' } });
  });
});

describe('hubPermissionsPolicy', () => {
  it('allows exactly the chain actions on the targets, and quotes them for the shell', () => {
    expect(hubPermissionsPolicy({ targetRoleArns: [TARGET] }).Statement[0]).toMatchObject({ Effect: 'Allow', Resource: TARGET });
    expect(hubPermissionsPolicy({ targetRoleArns: [TARGET, `${TARGET}2`] }).Statement[0]?.Resource).toEqual([TARGET, `${TARGET}2`]);
    expect(putHubPolicyCommand({ hubRoleArn: HUB, policy: { a: "it's" } })).toBe(`aws iam put-role-policy --role-name 'KeyportHub' --policy-name KeyportChainTargets --policy-document '{"a":"it'\\''s"}'`);
  });
});
