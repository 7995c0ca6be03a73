// Proves that a fresh database migrated by our runner has exactly the tables, columns, types,
// nullability, defaults-presence, enums and indexes that schema.prisma describes, so
// `prisma migrate deploy` elsewhere and our runner here build the same database.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getDmmf, type Dmmf, type DmmfField } from '@/test/prisma-dmmf';
import { applyMigrations } from './migrate';

const SCALAR_TO_PG: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Bytes: 'bytea',
};

function expectedType(field: DmmfField, enums: Set<string>): string {
  if (field.kind === 'enum' || enums.has(field.type)) return field.type;
  const native = field.nativeType;
  if (native) {
    const [name, args] = native;
    switch (name) {
      case 'Uuid':
        return 'uuid';
      case 'Timestamptz':
        return `timestamp(${args[0] ?? 3}) with time zone`;
      case 'Timestamp':
        return `timestamp(${args[0] ?? 3}) without time zone`;
      case 'VarChar':
        return args[0] ? `character varying(${args[0]})` : 'character varying';
      case 'Text':
        return 'text';
      default:
        throw new Error(`native type ${name} not mapped in this test yet`);
    }
  }
  const t = SCALAR_TO_PG[field.type];
  if (!t) throw new Error(`scalar ${field.type} not mapped in this test yet`);
  return t;
}

let dmmf: Dmmf;
let client: pg.Client;
let dbName: string;
let admin: pg.Client;

beforeAll(async () => {
  dmmf = await getDmmf('prisma/schema.prisma');
  dbName = `keyport_schema_check_${process.pid}_${Date.now()}`;
  admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const url = new URL(inject('adminDatabaseUrl'));
  url.pathname = `/${dbName}`;
  const result = await applyMigrations({ databaseUrl: url.toString() });
  expect(result.applied.length).toBeGreaterThan(0);
  client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await admin?.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin?.end();
});

describe('migrations match schema.prisma', () => {
  // A partitioned table (relkind 'p') stands for itself; its partitions (relispartition) are
  // storage, not schema, and are left out everywhere below.
  it('has exactly the tables of the schema (plus _prisma_migrations)', async () => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT c.relname AS table_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
    );
    const actual = rows.map((r) => r.table_name).filter((t) => t !== '_prisma_migrations').sort();
    const expected = dmmf.datamodel.models.map((m) => m.dbName ?? m.name).sort();
    expect(actual).toEqual(expected);
  });

  it('has the enums of the schema with the same values', async () => {
    const { rows } = await client.query<{ typname: string; labels: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.typname, r.labels]));
    const expected = Object.fromEntries(
      dmmf.datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)]),
    );
    expect(actual).toEqual(expected);
  });

  it('has every column with the type, nullability and default the schema declares', async () => {
    const enums = new Set(dmmf.datamodel.enums.map((e) => e.name));
    const { rows } = await client.query<{
      table_name: string;
      column_name: string;
      type: string;
      not_null: boolean;
      has_default: boolean;
    }>(
      `SELECT c.relname AS table_name, a.attname AS column_name,
              format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null, a.atthasdef AS has_default
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
          AND c.relname <> '_prisma_migrations'`,
    );
    const actual = rows
      // format_type quotes mixed-case names ("IdpKind"); the schema names them bare.
      .map((r) => `${r.table_name}.${r.column_name}: ${r.type.replace(/"/g, '')}${r.not_null ? ' not null' : ''}${r.has_default ? ' default' : ''}`)
      .sort();
    const expected: string[] = [];
    for (const model of dmmf.datamodel.models) {
      for (const field of model.fields) {
        if (field.kind === 'object') continue;
        const base = expectedType(field, enums);
        const type = field.isList ? `${base}[]` : base;
        // Prisma's SQL: lists are nullable columns; required scalars are NOT NULL.
        const notNull = field.isRequired && !field.isList;
        // Defaults that live in the database (not client-side uuid()/cuid(), not @updatedAt).
        const def = field.default as { name?: string } | unknown[] | string | number | boolean | undefined;
        const clientSide = typeof def === 'object' && def !== null && !Array.isArray(def) && ['uuid', 'cuid', 'nanoid', 'ulid'].includes(def.name ?? '');
        const dbDefault = field.hasDefaultValue && !clientSide;
        expected.push(`${model.dbName ?? model.name}.${field.dbName ?? field.name}: ${type}${notNull ? ' not null' : ''}${dbDefault ? ' default' : ''}`);
      }
    }
    expect(actual).toEqual(expected.sort());
  });

  it('has the primary keys, unique and secondary indexes of the schema, with Prisma names', async () => {
    const { rows } = await client.query<{ table_name: string; index_name: string; is_unique: boolean; is_primary: boolean; def: string }>(
      `SELECT t.relname AS table_name, i.relname AS index_name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
              pg_get_indexdef(ix.indexrelid) AS def
         FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations' AND NOT t.relispartition`,
    );
    const columnsOf = (def: string) => (def.match(/\((.*)\)$/)?.[1] ?? '').replace(/"/g, '');
    const actual = rows
      .map((r) => `${r.index_name} ${r.is_primary ? 'pk' : r.is_unique ? 'unique' : 'index'} (${columnsOf(r.def)})`)
      .sort();

    const expected: string[] = [];
    for (const idx of dmmf.datamodel.indexes) {
      const model = dmmf.datamodel.models.find((m) => m.name === idx.model);
      if (!model) throw new Error(`index on unknown model ${idx.model}`);
      const table = model.dbName ?? model.name;
      const cols = idx.fields.map((f) => {
        const field = model.fields.find((x) => x.name === f.name);
        const col = field?.dbName ?? f.name;
        return f.sortOrder === 'desc' ? `${col} DESC` : col;
      });
      const plainCols = cols.map((c) => c.replace(/ DESC$/, ''));
      const kind = idx.type === 'id' ? 'pk' : idx.type === 'unique' ? 'unique' : 'index';
      const suffix = kind === 'pk' ? 'pkey' : kind === 'unique' ? 'key' : 'idx';
      const name = idx.dbName ?? `${table}_${kind === 'pk' ? '' : `${plainCols.join('_')}_`}${suffix}`.replace('__', '_');
      expected.push(`${name} ${kind} (${cols.join(', ')})`);
    }
    expect(actual).toEqual(expected.sort());
  });

  it('records every migration in _prisma_migrations as Prisma does', async () => {
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(r.finished_at).not.toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }
  });
});
