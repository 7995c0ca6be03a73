import type { z } from 'zod';

// The error class lives in the module the keyport CLI shares (cli/src/shared/).
import { CredentialInputError } from '@/cli/src/shared/credential-input-error.js';

export { CredentialInputError };

/** Parses with a zod schema and turns the first issue into a `CredentialInputError`. */
export function parseOrThrow<T>({ schema, value, field }: { schema: z.ZodType<T>; value: unknown; field: string }): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${field}.${issue.path.join('.')}` : field;
  throw new CredentialInputError({ field: path, message: issue?.message ?? 'is invalid' });
}
