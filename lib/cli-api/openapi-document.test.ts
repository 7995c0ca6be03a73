// The served OpenAPI document cannot drift from the routes: its schemas are what zod generates
// from the very objects the routes parse with, every path it names has a route file, and every
// CLI route parses its input with a schema of lib/cli-api/schemas.ts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApiDocument } from './openapi-document';
import * as schemas from './schemas';

const doc = openApiDocument('https://keyport.example.com');

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the zod-generated schemas of every registered schema', () => {
    expect(doc.openapi).toBe('3.1.0');
    const generated = z.toJSONSchema(schemas.cliApiRegistry, { target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}` }).schemas;
    expect(Object.keys(doc.components.schemas).sort()).toEqual(Object.keys(generated).sort());
    for (const [id, s] of Object.entries(generated)) {
      const { $schema: _a, $id: _b, ...rest } = s as Record<string, unknown>;
      expect(doc.components.schemas[id], id).toEqual(rest);
    }
  });

  it('refers only to schemas it defines', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(doc.components.schemas, r).toHaveProperty(r);
  });

  it('names only routes that exist, with the methods they export', () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      const file = path.join('app', p, 'route.ts');
      expect(existsSync(file), file).toBe(true);
      const source = readFileSync(file, 'utf8');
      for (const method of Object.keys(ops)) expect(source, `${method.toUpperCase()} ${p}`).toMatch(new RegExp(`export const ${method.toUpperCase()} =`));
    }
  });

  it('the routes parse their input with the documented schemas', () => {
    const uses: Record<string, string> = {
      '/api/cli/token': 'tokenRequest',
      '/api/cli/device': 'deviceAuthorizationRequest',
      '/api/cli/authorize': 'authorizationDecision',
      '/api/cli/device/lookup': 'deviceLookupRequest',
      '/api/cli/device/decision': 'deviceDecisionRequest',
      '/api/cli/credentials': 'cliCredentialsRequest',
      '/api/console': 'consoleRequest',
      '/api/cli/saml/start': 'cliSamlStartRequest',
    };
    for (const [p, name] of Object.entries(uses)) {
      const source = readFileSync(path.join('app', p, 'route.ts'), 'utf8');
      expect(source, p).toContain(`import { ${name} } from '@/lib/cli-api/schemas'`);
      expect(name in schemas).toBe(true);
    }
  });

  it('documents the schemas as the routes accept them', () => {
    const token = doc.components.schemas.TokenRequest as { oneOf?: unknown[]; anyOf?: unknown[] };
    expect((token.oneOf ?? token.anyOf ?? []).length).toBe(3);
    const creds = doc.components.schemas.CliCredentialsRequest as { required: string[] };
    expect(creds.required).toEqual(['role']);
  });
});
