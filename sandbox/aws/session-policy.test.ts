import { describe, expect, it } from 'vitest';
import { checkSessionPolicy } from './session-policy';

const statement = (i: number) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*` });

describe('session policies', () => {
  it('is absent when nothing was passed', () => {
    expect(checkSessionPolicy(undefined, [])).toEqual({});
  });

  it('reports the packed size as a percentage of 2048 compact characters', () => {
    const doc = { Version: '2012-10-17', Statement: [statement(1)] };
    const spaced = JSON.stringify(doc, null, 8);
    const out = checkSessionPolicy(spaced, []);
    expect(out.compact).toBe(JSON.stringify(doc));
    expect(out.packedPolicySize).toBe(Math.ceil((JSON.stringify(doc).length * 100) / 2048));
    expect(checkSessionPolicy(undefined, ['arn:aws:iam::aws:policy/ReadOnlyAccess']).packedPolicySize).toBe(2);
  });

  it('refuses non-JSON and invalid documents with MalformedPolicyDocument', () => {
    expect(() => checkSessionPolicy('{', [])).toThrow(expect.objectContaining({ code: 'MalformedPolicyDocument' }));
    expect(() => checkSessionPolicy('{"Statement":[{"Effect":"Allow","Action":"*"}]}', [])).toThrow(expect.objectContaining({ code: 'MalformedPolicyDocument' }));
  });

  it('refuses what does not fit with PackedPolicyTooLarge', () => {
    const big = JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 40 }, (_, i) => statement(i)) });
    expect(big.length).toBeGreaterThan(2048);
    expect(() => checkSessionPolicy(big, [])).toThrow(expect.objectContaining({ code: 'PackedPolicyTooLarge', status: 400 }));
  });
});
