// Pure: the JSON document of all mappings (export and import). Stable: mappings sorted by group
// then role ARN, keys in a fixed order, session policies as objects, no ids or timestamps — so two
// exports of the same policy are byte-identical and a change reads well in a git diff.
import { fromDbKind, validateMapping, type FieldErrors, type IdpKindDb, type MappingData, type MappingInput } from './validate-mapping';
import { compareMappings } from './mapping-view';

export const DOCUMENT_VERSION = 1;
export const MAX_IMPORT_MAPPINGS = 2000;

/** Broker settings are written only when set, so files of mappings without them read as before. */
export type ExportedMapping = Required<Omit<MappingInput, 'sessionPolicy' | 'federationMode' | 'sessionTagAttributes' | 'chainedRoleArn'>> & {
  sessionPolicy: Record<string, unknown> | string | null;
  federationMode?: MappingInput['federationMode'];
  sessionTagAttributes?: string[];
  /** Written only for a chained mapping. */
  chainedRoleArn?: string;
};

/**
 * A stored policy as an object; one that does not parse (written by hand in SQL, or by an older
 * version) is exported as its text, so the export — the tool for finding and fixing such a row —
 * never fails on it, and an import of the file names the row.
 */
function exportedPolicy(text: string | null): Record<string, unknown> | string | null {
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : text;
  } catch {
    return text;
  }
}

export interface MappingDocument {
  version: typeof DOCUMENT_VERSION;
  mappings: ExportedMapping[];
}

export function toExportedMapping(m: Omit<MappingData, 'accountId' | 'idpKind' | 'federationMode'> & { idpKind: IdpKindDb; federationMode: string | null }): ExportedMapping {
  return {
    idpGroup: m.idpGroup,
    idpKind: fromDbKind(m.idpKind),
    roleArn: m.roleArn,
    accountLabel: m.accountLabel,
    roleLabel: m.roleLabel,
    description: m.description,
    maxDurationSeconds: m.maxDurationSeconds,
    stsRegion: m.stsRegion,
    allowedRegions: [...m.allowedRegions],
    sessionPolicy: exportedPolicy(m.sessionPolicy),
    managedPolicyArns: [...m.managedPolicyArns],
    samlProviderArn: m.samlProviderArn,
    ...(m.federationMode === 'broker' || m.federationMode === 'broker-saml' || m.federationMode === 'passthrough' ? { federationMode: m.federationMode } : {}),
    ...(m.sessionTagAttributes.length > 0 ? { sessionTagAttributes: [...m.sessionTagAttributes] } : {}),
    ...(m.chainedRoleArn ? { chainedRoleArn: m.chainedRoleArn } : {}),
    enabled: m.enabled,
  };
}

export function toMappingDocument(rows: ReadonlyArray<Parameters<typeof toExportedMapping>[0]>): MappingDocument {
  return { version: DOCUMENT_VERSION, mappings: rows.map(toExportedMapping).sort(compareMappings) };
}

export function serializeMappingDocument(doc: MappingDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export interface RowError {
  /** 1-based position in the file's `mappings` list. */
  row: number;
  idpGroup: string | null;
  roleArn: string | null;
  fields: FieldErrors;
}

export type ParsedDocument = { ok: true; mappings: MappingData[] } | { ok: false; message: string; rows: RowError[] };

function describeRow(e: RowError): string {
  const what = e.idpGroup || e.roleArn ? ` (${e.idpGroup ?? '?'} → ${e.roleArn ?? '?'})` : '';
  return `row ${e.row}${what}: ${Object.entries(e.fields).map(([k, v]) => `${k}: ${v}`).join('; ')}`;
}

/** Validates a whole import document; any bad row makes the whole file invalid, naming the rows. */
export function parseMappingDocument(raw: unknown): ParsedDocument {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, message: 'The file must be a JSON object {"version": 1, "mappings": [...]} as exported.', rows: [] };
  const doc = raw as Record<string, unknown>;
  if (doc.version !== DOCUMENT_VERSION) return { ok: false, message: `The file must say "version": ${DOCUMENT_VERSION}.`, rows: [] };
  const extra = Object.keys(doc).filter((k) => k !== 'version' && k !== 'mappings');
  if (extra.length > 0) return { ok: false, message: `Unknown top-level field ${extra.map((k) => `"${k}"`).join(', ')}.`, rows: [] };
  if (!Array.isArray(doc.mappings)) return { ok: false, message: 'The file must have a "mappings" list.', rows: [] };
  if (doc.mappings.length > MAX_IMPORT_MAPPINGS) return { ok: false, message: `At most ${MAX_IMPORT_MAPPINGS} mappings per file.`, rows: [] };

  const rows: RowError[] = [];
  const mappings: MappingData[] = [];
  const seen = new Map<string, number>();
  doc.mappings.forEach((item: unknown, i) => {
    const r = validateMapping(item);
    const rec = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    const idpGroup = typeof rec.idpGroup === 'string' ? rec.idpGroup : null;
    const roleArn = typeof rec.roleArn === 'string' ? rec.roleArn : null;
    if (!r.ok) {
      rows.push({ row: i + 1, idpGroup, roleArn, fields: r.fields });
      return;
    }
    const key = `${r.value.idpGroup}\u0000${r.value.roleArn}`;
    const first = seen.get(key);
    if (first !== undefined) {
      rows.push({ row: i + 1, idpGroup, roleArn, fields: { mapping: `the same group and role as row ${first}` } });
      return;
    }
    seen.set(key, i + 1);
    mappings.push(r.value);
  });
  if (rows.length > 0) {
    const shown = rows.slice(0, 5).map(describeRow).join(' | ');
    return { ok: false, message: `Nothing was imported: ${rows.length} ${rows.length === 1 ? 'row is' : 'rows are'} invalid — ${shown}${rows.length > 5 ? ' | …' : ''}`, rows };
  }
  return { ok: true, mappings };
}
