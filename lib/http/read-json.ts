// Parses a JSON body with a zod schema; any problem is a 422 naming the fields.
import type { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';

export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    throw new AppError('invalid_input', 'The request body must be JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const i of parsed.error.issues) fields[i.path.join('.') || 'body'] ??= i.message;
    throw new AppError('invalid_input', `Invalid request: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ')}`, { fields });
  }
  return parsed.data;
}
