import { describe, expect, it } from 'vitest';
import { parseMappingDocument, serializeMappingDocument, toMappingDocument } from './mapping-document';
import { planDigest, planImport, type CurrentMapping } from './plan-import';
import type { MappingData } from './validate-mapping';

const row = (idpGroup: string, name: string, over: Partial<MappingData> = {}): MappingData => ({
  idpGroup,
  idpKind: 'OIDC',
  roleArn: `arn:aws:iam::111122223333:role/${name}`,
  accountId: '111122223333',
  accountLabel: 'dev',
  roleLabel: name,
  description: '',
  maxDurationSeconds: 3600,
  stsRegion: 'us-east-1',
  allowedRegions: ['us-east-1'],
  sessionPolicy: null,
  managedPolicyArns: [],
  samlProviderArn: null,
  federationMode: null,
  sessionTagAttributes: [],
  chainedRoleArn: null,
  enabled: true,
  ...over,
});
const current: CurrentMapping[] = [
  { id: 'id-b', ...row('eng', 'B', { sessionPolicy: '{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}' }) },
  { id: 'id-a', ...row('eng', 'A') },
  { id: 'id-z', ...row('zz', 'Z') },
];

describe('mapping document', () => {
  it('exports in a stable order with policies as objects, and reads back what it wrote', () => {
    const doc = toMappingDocument(current);
    expect(doc.mappings.map((m) => [m.idpGroup, m.roleLabel])).toEqual([
      ['eng', 'A'],
      ['eng', 'B'],
      ['zz', 'Z'],
    ]);
    expect(doc.mappings[1]?.sessionPolicy).toEqual({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] });
    const text = serializeMappingDocument(doc);
    expect(serializeMappingDocument(toMappingDocument([...current].reverse()))).toBe(text);
    const parsed = parseMappingDocument(JSON.parse(text));
    expect(parsed.ok && planImport({ current, incoming: parsed.mappings, mode: 'replace' })).toMatchObject({ create: [], update: [], delete: [], unchanged: 3 });
  });

  it('refuses the whole file when one row is bad, naming the row and its fields', () => {
    const doc = toMappingDocument(current);
    const bad = { ...doc, mappings: [doc.mappings[0], { ...doc.mappings[1], maxDurationSeconds: 99999 }, doc.mappings[2]] };
    const parsed = parseMappingDocument(bad);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.rows).toEqual([{ row: 2, idpGroup: 'eng', roleArn: 'arn:aws:iam::111122223333:role/B', fields: { maxDurationSeconds: expect.stringMatching(/900/) } }]);
    expect(parsed.message).toMatch(/Nothing was imported: 1 row is invalid — row 2 \(eng → arn:aws:iam::111122223333:role\/B\): maxDurationSeconds/);
  });

  it('refuses duplicate rows and foreign documents', () => {
    const doc = toMappingDocument(current);
    const dup = parseMappingDocument({ ...doc, mappings: [...doc.mappings, doc.mappings[0]] });
    expect(!dup.ok && dup.rows.map((r) => [r.row, r.fields.mapping])).toEqual([[4, 'the same group and role as row 1']]);
    expect(parseMappingDocument([]).ok).toBe(false);
    expect(parseMappingDocument({ version: 2, mappings: [] }).ok).toBe(false);
    expect(parseMappingDocument({ version: 1, mappings: [], extra: 1 }).ok).toBe(false);
  });
});

describe('planImport', () => {
  it('merges: creates the new, updates the changed, keeps the rest', () => {
    const plan = planImport({ current, incoming: [row('eng', 'A', { maxDurationSeconds: 7200 }), row('new', 'N')], mode: 'merge' });
    expect(plan.create.map((m) => m.idpGroup)).toEqual(['new']);
    expect(plan.update.map((u) => [u.id, u.changedFields])).toEqual([['id-a', ['maxDurationSeconds']]]);
    expect(plan.delete).toEqual([]);
  });

  it('replaces: also deletes what the file does not list', () => {
    const plan = planImport({ current, incoming: [row('eng', 'A')], mode: 'replace' });
    expect(plan.delete.map((d) => d.id)).toEqual(['id-b', 'id-z']);
    expect(plan.unchanged).toBe(1);
  });

  it('gives the same digest for the same plan and another for a different one', () => {
    const a = planImport({ current, incoming: [row('new', 'N')], mode: 'merge' });
    expect(planDigest(a)).toBe(planDigest(planImport({ current: [...current].reverse(), incoming: [row('new', 'N')], mode: 'merge' })));
    expect(planDigest(a)).not.toBe(planDigest(planImport({ current, incoming: [row('new', 'M')], mode: 'merge' })));
  });
});
