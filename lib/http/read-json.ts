// Parses a JSON body with a zod schema. In order, before anything else looks at it:
//   1. size — over the limit (64 KiB unless the route says otherwise) is a 413, unread;
//   2. JSON — anything else is a 422;
//   3. control characters in any string or key — a 422 naming the field (find-control-character.ts);
//   4. the schema — a 422 naming each field.
import type { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { findControlCharacter } from './find-control-character';
import { webApiRequest, type ApiRequest } from './api-request';

export const MAX_JSON_BODY_BYTES = 64 * 1024;

export async function readJson<S extends z.ZodType>(request: Request | ApiRequest, schema: S, opts: { maxBytes?: number } = {}): Promise<z.output<S>> {
  const maxBytes = opts.maxBytes ?? MAX_JSON_BODY_BYTES;
  const bytes = await ('readBody' in request ? request : webApiRequest(request)).readBody(maxBytes);
  if (bytes === null) throw new AppError('too_large', `The request body is larger than ${Math.round(maxBytes / 1024)} KiB, the most this request takes.`);
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AppError('invalid_input', 'The request body must be JSON.');
  }
  const control = findControlCharacter(raw);
  if (control) {
    const message = `Must not contain control characters (found ${control.codePoint}).`;
    throw new AppError('invalid_input', `Invalid request: ${control.path}: ${message}`, { fields: { [control.path]: message } });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const i of parsed.error.issues) fields[i.path.join('.') || 'body'] ??= i.message;
    throw new AppError('invalid_input', `Invalid request: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ')}`, { fields });
  }
  return parsed.data;
}
