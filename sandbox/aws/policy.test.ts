import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluatePolicies, parseOperator, parsePolicy, PolicySyntaxError, wildcardMatch, type RequestContext } from './policy';

const ctx = (keys: RequestContext['keys'], action = 'sts:GetCallerIdentity', resource = '*'): RequestContext => ({ action, resource, keys });
const cond = (operator: string, key: string, values: string[], keys: RequestContext['keys']) => evaluateCondition(operator, key, values, ctx(keys));

describe('wildcardMatch', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything', true],
    ['team-a-*', 'team-a-bob', true],
    ['team-a-*', 'team-b-bob', false],
    ['lead-?', 'lead-7', true],
    ['lead-?', 'lead-12', false],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
    ['repo:org/*:ref:refs/heads/main', 'repo:org/x:ref:refs/heads/main', true],
    ['.+', 'aa', false],
  ])('%j ~ %j → %s', (pattern, value, expected) => {
    expect(wildcardMatch(pattern, value)).toBe(expected);
  });

  it('matches actions case-insensitively when asked', () => {
    expect(wildcardMatch('sts:assumerole*', 'sts:AssumeRoleWithWebIdentity', true)).toBe(true);
    expect(wildcardMatch('sts:assumerole*', 'sts:AssumeRoleWithWebIdentity')).toBe(false);
  });
});

describe('condition operators', () => {
  it('StringEquals ORs values, is case-sensitive, and fails on a missing key', () => {
    expect(cond('StringEquals', 'idp:aud', ['a', 'b'], { 'idp:aud': 'b' })).toBe(true);
    expect(cond('StringEquals', 'idp:aud', ['a'], { 'idp:aud': 'A' })).toBe(false);
    expect(cond('StringEquals', 'idp:aud', ['a'], {})).toBe(false);
    expect(cond('StringEqualsIgnoreCase', 'idp:aud', ['a'], { 'idp:aud': 'A' })).toBe(true);
  });

  it('looks condition keys up case-insensitively', () => {
    expect(cond('StringEquals', 'AWS:UserId', ['x'], { 'aws:userid': 'x' })).toBe(true);
  });

  it('negated operators hold when no value matches, and for a missing key', () => {
    expect(cond('StringNotEquals', 'k', ['a', 'b'], { k: 'c' })).toBe(true);
    expect(cond('StringNotEquals', 'k', ['a', 'b'], { k: 'b' })).toBe(false);
    expect(cond('StringNotLike', 'k', ['team-*'], { k: 'team-x' })).toBe(false);
    expect(cond('StringNotLike', 'k', ['team-*'], { k: 'ops' })).toBe(true);
    expect(cond('StringNotEquals', 'k', ['a'], {})).toBe(true);
  });

  it('IfExists passes a missing key and checks a present one', () => {
    expect(cond('StringEqualsIfExists', 'k', ['a'], {})).toBe(true);
    expect(cond('StringEqualsIfExists', 'k', ['a'], { k: 'b' })).toBe(false);
  });

  it('ForAnyValue / ForAllValues over multi-valued keys', () => {
    expect(cond('ForAnyValue:StringEquals', 'amr', ['mfa'], { amr: ['pwd', 'mfa'] })).toBe(true);
    expect(cond('ForAnyValue:StringEquals', 'amr', ['mfa'], { amr: ['pwd'] })).toBe(false);
    expect(cond('ForAnyValue:StringEquals', 'amr', ['mfa'], {})).toBe(false);
    expect(cond('ForAllValues:StringLike', 'groups', ['eng-*', 'ops'], { groups: ['eng-a', 'ops'] })).toBe(true);
    expect(cond('ForAllValues:StringLike', 'groups', ['eng-*'], { groups: ['eng-a', 'ops'] })).toBe(false);
    expect(cond('ForAllValues:StringEquals', 'groups', ['x'], {})).toBe(true);
    expect(cond('ForAnyValue:StringNotEquals', 'amr', ['pwd'], { amr: ['pwd', 'mfa'] })).toBe(true);
    expect(cond('ForAllValues:StringNotEquals', 'amr', ['pwd'], { amr: ['pwd', 'mfa'] })).toBe(false);
  });

  it('Date operators compare ISO times and epoch seconds', () => {
    const issued = { 'aws:TokenIssueTime': '2024-05-01T12:00:00Z' };
    expect(cond('DateLessThan', 'aws:TokenIssueTime', ['2024-05-01T12:00:01Z'], issued)).toBe(true);
    expect(cond('DateLessThan', 'aws:TokenIssueTime', ['2024-05-01T12:00:00Z'], issued)).toBe(false);
    expect(cond('DateLessThanEquals', 'aws:TokenIssueTime', ['2024-05-01T12:00:00Z'], issued)).toBe(true);
    expect(cond('DateGreaterThan', 'aws:TokenIssueTime', ['2024-05-01T11:59:59.999Z'], issued)).toBe(true);
    expect(cond('DateGreaterThanEquals', 'aws:TokenIssueTime', [String(Date.parse('2024-05-01T12:00:00Z') / 1000)], issued)).toBe(true);
    expect(cond('DateEquals', 'aws:TokenIssueTime', ['2024-05-01T12:00:00.000Z'], issued)).toBe(true);
    expect(cond('DateNotEquals', 'aws:TokenIssueTime', ['2024-05-01T12:00:00.000Z'], issued)).toBe(false);
    expect(cond('DateLessThan', 'aws:TokenIssueTime', ['not a date'], issued)).toBe(false);
    expect(cond('DateLessThan', 'aws:TokenIssueTime', ['2030-01-01T00:00:00Z'], {})).toBe(false);
  });

  it('Numeric, Bool, Null, Arn and IpAddress', () => {
    expect(cond('NumericLessThan', 'n', ['10'], { n: '9' })).toBe(true);
    expect(cond('NumericGreaterThanEquals', 'n', ['10'], { n: 'x' })).toBe(false);
    expect(cond('Bool', 'aws:MultiFactorAuthPresent', ['true'], { 'aws:MultiFactorAuthPresent': 'TRUE' })).toBe(true);
    expect(cond('Null', 'aws:SourceIdentity', ['true'], {})).toBe(true);
    expect(cond('Null', 'aws:SourceIdentity', ['false'], {})).toBe(false);
    expect(cond('ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/Dev*'], { 'aws:PrincipalArn': 'arn:aws:iam::1:role/DevX' })).toBe(true);
    expect(cond('ArnNotLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/Dev*'], { 'aws:PrincipalArn': 'arn:aws:iam::1:role/DevX' })).toBe(false);
    expect(cond('IpAddress', 'aws:SourceIp', ['10.0.0.0/8'], { 'aws:SourceIp': '10.1.2.3' })).toBe(true);
    expect(cond('NotIpAddress', 'aws:SourceIp', ['10.0.0.0/8'], { 'aws:SourceIp': '::ffff:127.0.0.1' })).toBe(true);
  });

  it('substitutes policy variables in 2012-10-17 policies', () => {
    expect(cond('StringEquals', 'own', ['${aws:userid}'], { own: 'AROA:alice', 'aws:userid': 'AROA:alice' })).toBe(true);
    expect(cond('StringLike', 'own', ['${aws:username}-*'], { own: 'x-1' })).toBe(false);
    expect(cond('StringEquals', 'own', ["${aws:username, 'nobody'}"], { own: 'nobody' })).toBe(true);
  });

  it('parses operator names with prefixes and suffixes', () => {
    expect(parseOperator('ForAnyValue:StringLikeIfExists')).toEqual({ base: 'StringLike', set: 'ForAnyValue', ifExists: true });
    expect(parseOperator('stringequals')).toEqual({ base: 'StringEquals', set: undefined, ifExists: false });
    expect(parseOperator('NullIfExists')).toBeUndefined();
    expect(parseOperator('StringSortOf')).toBeUndefined();
  });
});

describe('statements and decisions', () => {
  const trust = parsePolicy(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::1:oidc-provider/idp' },
          Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
          Condition: { StringEquals: { 'idp:aud': 'app' }, StringLike: { 'idp:sub': ['team-a-*', 'lead-?'] } },
        },
        { Effect: 'Deny', Principal: '*', Action: 'sts:*', Condition: { StringEquals: { 'idp:sub': 'team-a-banned' } } },
      ],
    },
    'trust',
  );
  const request = (sub: string, aud = 'app', provider = 'arn:aws:iam::1:oidc-provider/idp'): RequestContext => ({
    action: 'sts:AssumeRoleWithWebIdentity',
    principal: { type: 'Federated', id: provider },
    keys: { 'idp:aud': aud, 'idp:sub': sub },
  });

  it('needs every key (AND) and any value (OR) to hold', () => {
    expect(evaluatePolicies([trust], request('team-a-bob'))).toBe('Allow');
    expect(evaluatePolicies([trust], request('lead-1'))).toBe('Allow');
    expect(evaluatePolicies([trust], request('team-b-bob'))).toBe('ImplicitDeny');
    expect(evaluatePolicies([trust], request('team-a-bob', 'other'))).toBe('ImplicitDeny');
  });

  it('needs the federated principal to match', () => {
    expect(evaluatePolicies([trust], request('team-a-bob', 'app', 'arn:aws:iam::2:oidc-provider/idp'))).toBe('ImplicitDeny');
    expect(evaluatePolicies([trust], { ...request('team-a-bob'), action: 'sts:AssumeRoleWithSAML' })).toBe('ImplicitDeny');
  });

  it('lets an explicit Deny win over an Allow', () => {
    expect(evaluatePolicies([trust], request('team-a-banned'))).toBe('ExplicitDeny');
  });

  it('matches identity policy resources and NotAction', () => {
    const identity = parsePolicy(
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iam:*RolePolicy', Resource: 'arn:aws:iam::1:role/Dev*' },
          { Effect: 'Deny', NotAction: ['sts:GetCallerIdentity'], Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' } } },
        ],
      },
      'identity',
    );
    const at = (action: string, resource: string, issued: string) => evaluatePolicies([identity], ctx({ 'aws:TokenIssueTime': issued }, action, resource));
    expect(at('iam:PutRolePolicy', 'arn:aws:iam::1:role/DevX', '2024-06-01T00:00:00Z')).toBe('Allow');
    expect(at('iam:PutRolePolicy', 'arn:aws:iam::1:role/Prod', '2024-06-01T00:00:00Z')).toBe('ImplicitDeny');
    expect(at('iam:PutRolePolicy', 'arn:aws:iam::1:role/DevX', '2023-06-01T00:00:00Z')).toBe('ExplicitDeny');
    expect(at('sts:GetCallerIdentity', '*', '2023-06-01T00:00:00Z')).toBe('ImplicitDeny');
  });

  it('treats a policy with a specific Resource as not applying to resource-less actions', () => {
    const identity = parsePolicy({ Version: '2012-10-17', Statement: { Effect: 'Deny', Action: '*', Resource: 'arn:aws:s3:::b/*' } }, 'identity');
    expect(evaluatePolicies([identity], ctx({}))).toBe('ImplicitDeny');
  });
});

describe('parsePolicy syntax checks', () => {
  it.each([
    ['not json', '{'],
    ['no statement', { Version: '2012-10-17' }],
    ['bad version', { Version: '2013-01-01', Statement: [] }],
    ['bad effect', { Statement: [{ Effect: 'Perhaps', Action: '*', Resource: '*' }] }],
    ['no action', { Statement: [{ Effect: 'Allow', Resource: '*' }] }],
    ['no resource', { Statement: [{ Effect: 'Allow', Action: '*' }] }],
    ['principal in identity policy', { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }],
    ['action without vendor', { Statement: [{ Effect: 'Allow', Action: 'GetObject', Resource: '*' }] }],
    ['unknown operator', { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Sometimes: { k: 'v' } } }] }],
    ['unknown field', { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Extra: 1 }] }],
    ['non-alphanumeric sid', { Statement: [{ Sid: 'a-b', Effect: 'Allow', Action: '*', Resource: '*' }] }],
  ])('rejects %s', (_name, doc) => {
    expect(() => parsePolicy(doc, 'identity')).toThrow(PolicySyntaxError);
  });

  it('requires a Principal and forbids a Resource in trust policies', () => {
    expect(() => parsePolicy({ Statement: [{ Effect: 'Allow', Action: 'sts:*' }] }, 'trust')).toThrow('Missing required field Principal');
    expect(() => parsePolicy({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:*', Resource: '*' }] }, 'trust')).toThrow(
      'Has prohibited field Resource',
    );
  });

  it('accepts JSON text and normalises single strings to lists', () => {
    const p = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":false}}}}', 'identity');
    expect(p.statements[0]).toMatchObject({ effect: 'Deny', action: ['s3:*'], resource: ['*'], condition: { Bool: { 'aws:SecureTransport': ['false'] } } });
  });
});
