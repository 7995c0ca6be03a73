// Reads schema.prisma the way Prisma itself does: through the prisma_schema wasm module the
// Prisma CLI ships (no native engine, no network). Used by the migrations-match-schema test.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface DmmfField {
  name: string;
  dbName: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  isUpdatedAt?: boolean;
}
export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
  uniqueIndexes: { name: string | null; fields: string[] }[];
}
export interface DmmfIndex {
  model: string;
  type: 'id' | 'normal' | 'unique' | 'fulltext';
  isDefinedOnField: boolean;
  dbName?: string | null;
  name?: string | null;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
}
export interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
    indexes: DmmfIndex[];
  };
}

export async function getDmmf(schemaPath: string): Promise<Dmmf> {
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(path.dirname(require.resolve('prisma/package.json')), 'build/prisma_schema_build_bg.wasm');
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let exports: Record<string, unknown> = {};
  const memory = () => new Uint8Array((exports.memory as WebAssembly.Memory).buffer);
  const readString = (ptr: number, len: number) => decoder.decode(memory().subarray(ptr, ptr + len));
  const imports = {
    __wbindgen_placeholder__: {
      __wbg_set_message_f22ac4a6869ee695: () => undefined,
      __wbg_Error_e83987f665cf5504: (p: number, l: number) => new Error(readString(p, l)),
      __wbg___wbindgen_throw_b855445ff6a94295: (p: number, l: number) => {
        throw new Error(readString(p, l));
      },
      __wbindgen_init_externref_table: () => {
        const table = exports.__wbindgen_externrefs as WebAssembly.Table;
        const offset = table.grow(4);
        table.set(0, undefined);
        table.set(offset + 0, undefined);
        table.set(offset + 1, null);
        table.set(offset + 2, true);
        table.set(offset + 3, false);
      },
    },
  };
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), imports);
  exports = instance.exports as Record<string, unknown>;
  (exports.__wbindgen_start as () => void)();
  const malloc = exports.__wbindgen_malloc as (size: number, align: number) => number;
  const free = exports.__wbindgen_free as (ptr: number, len: number, align: number) => void;
  const getDmmfRaw = exports.get_dmmf as (ptr: number, len: number) => [number, number, number, number];

  const params = encoder.encode(JSON.stringify({ prismaSchema: readFileSync(schemaPath, 'utf8'), noColor: true }));
  const ptr = malloc(params.length, 1);
  memory().set(params, ptr);
  const [outPtr, outLen, errRef, isErr] = getDmmfRaw(ptr, params.length);
  if (isErr) {
    const table = exports.__wbindgen_externrefs as WebAssembly.Table;
    throw table.get(errRef) as Error;
  }
  const json = readString(outPtr, outLen);
  free(outPtr, outLen, 1);
  return JSON.parse(json) as Dmmf;
}
