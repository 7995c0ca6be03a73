import { describe, expect, it } from 'vitest';
import { parseMappingDocument, serializeMappingDocument, toMappingDocument } from './mapping-document';

const row = (over: Partial<Parameters<typeof toMappingDocument>[0][number]> = {}) => ({
  idpGroup: 'g',
  idpKind: 'OIDC' as const,
  roleArn: 'arn:aws:iam::111122223333:role/X',
  accountLabel: 'a',
  roleLabel: 'r',
  description: '',
  maxDurationSeconds: 3600,
  stsRegion: 'us-east-1',
  allowedRegions: ['us-east-1'],
  sessionPolicy: null as string | null,
  managedPolicyArns: [] as string[],
  samlProviderArn: null as string | null,
  federationMode: null as string | null,
  sessionTagAttributes: [] as string[],
  chainedRoleArn: null as string | null,
  enabled: true,
  ...over,
});

describe('mapping document', () => {
  it('writes the chained role only for a chained mapping, and reads it back', () => {
    const target = 'arn:aws:iam::777788889999:role/SharedServicesReadOnly';
    const doc = toMappingDocument([row({ idpGroup: 'a' }), row({ idpGroup: 'b', chainedRoleArn: target })]);
    expect(doc.mappings[0]).not.toHaveProperty('chainedRoleArn');
    expect(doc.mappings[1]?.chainedRoleArn).toBe(target);
    const parsed = parseMappingDocument(JSON.parse(serializeMappingDocument(doc)) as unknown);
    expect(parsed.ok && parsed.mappings.map((m) => m.chainedRoleArn)).toEqual([null, target]);
  });

  it('exports a stored policy as an object', () => {
    const doc = toMappingDocument([row({ sessionPolicy: '{"Version":"2012-10-17","Statement":[]}' })]);
    expect(doc.mappings[0]?.sessionPolicy).toEqual({ Version: '2012-10-17', Statement: [] });
  });

  it('keeps the text of a stored policy that does not parse instead of failing the whole export', () => {
    const doc = toMappingDocument([row({ sessionPolicy: '{"Version":' }), row({ idpGroup: 'h' })]);
    expect(doc.mappings.map((m) => m.sessionPolicy)).toEqual(['{"Version":', null]);
    expect(serializeMappingDocument(doc)).toContain('"sessionPolicy": "{\\"Version\\":"');
  });

  it('writes broker settings only when a mapping has them, and reads them back', () => {
    const doc = toMappingDocument([row({ idpGroup: 'a' }), row({ idpGroup: 'b', federationMode: 'passthrough', sessionTagAttributes: ['groups'] })]);
    expect(doc.mappings[0]).not.toHaveProperty('federationMode');
    expect(doc.mappings[0]).not.toHaveProperty('sessionTagAttributes');
    expect(doc.mappings[1]).toMatchObject({ federationMode: 'passthrough', sessionTagAttributes: ['groups'] });
    const parsed = parseMappingDocument(JSON.parse(serializeMappingDocument(doc)) as unknown);
    expect(parsed.ok).toBe(true);
    expect(JSON.stringify(parsed)).toContain('"federationMode":"passthrough"');
  });
});

