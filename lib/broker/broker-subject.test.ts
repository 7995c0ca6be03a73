import { describe, expect, it } from 'vitest';
import { wildcardMatch } from '@/sandbox/aws/policy';
import { brokerSubject, brokerSubjectPattern, parseBrokerSubject } from './broker-subject';

const DEV = 'arn:aws:iam::111122223333:role/Dev';
const DEV_ADMIN = 'arn:aws:iam::111122223333:role/DevAdmin';

describe('brokerSubject', () => {
  it('names the role and the person', () => {
    expect(brokerSubject({ roleArn: DEV, person: 'alice@example.com' })).toBe('role:arn:aws:iam::111122223333:role/Dev:person:alice@example.com');
    expect(parseBrokerSubject(brokerSubject({ roleArn: DEV, person: 'alice@example.com' }))).toEqual({ roleArn: DEV, person: 'alice@example.com' });
  });

  it("is matched by its role's pattern", () => {
    expect(wildcardMatch(brokerSubjectPattern(DEV), brokerSubject({ roleArn: DEV, person: 'alice@example.com' }))).toBe(true);
  });

  it("is not matched by another role's pattern, even one whose name extends it", () => {
    expect(wildcardMatch(brokerSubjectPattern(DEV), brokerSubject({ roleArn: DEV_ADMIN, person: 'alice' }))).toBe(false);
    expect(wildcardMatch(brokerSubjectPattern(DEV_ADMIN), brokerSubject({ roleArn: DEV, person: 'alice' }))).toBe(false);
    expect(wildcardMatch(brokerSubjectPattern('arn:aws:iam::444455556666:role/Dev'), brokerSubject({ roleArn: DEV, person: 'alice' }))).toBe(false);
  });

  it('refuses a person part that could smuggle another role', () => {
    expect(() => brokerSubject({ roleArn: DEV, person: 'x:person:y' })).toThrow(/RoleSessionName/);
    expect(() => brokerSubject({ roleArn: DEV, person: 'a' })).toThrow(/RoleSessionName/);
  });

  it('refuses role ARNs with wildcards, colons in the resource, or of another service', () => {
    expect(() => brokerSubject({ roleArn: 'arn:aws:iam::111122223333:role/De*', person: 'alice' })).toThrow(/role ARN/);
    expect(() => brokerSubject({ roleArn: 'arn:aws:iam::111122223333:role/a:person:b', person: 'alice' })).toThrow(/role ARN/);
    expect(() => brokerSubject({ roleArn: 'arn:aws:iam::111122223333:user/Dev', person: 'alice' })).toThrow(/role ARN/);
  });

  it('refuses a subject longer than AWS accepts', () => {
    expect(() => brokerSubject({ roleArn: `arn:aws:iam::111122223333:role/${'p/'.repeat(120)}Dev`, person: 'alice' })).toThrow(/too long/);
  });

  it('parses only its own shape', () => {
    expect(parseBrokerSubject('alice')).toBeUndefined();
    expect(parseBrokerSubject('role:arn:aws:iam::111122223333:role/Dev:person:a:b')).toBeUndefined();
  });
});
