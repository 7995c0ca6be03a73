import type { z } from 'zod';

/**
 * Thrown by the pure credential helpers when a value cannot be safely put into a shell line, a file
 * or a URL. `field` names the offending input so the caller can map it to `invalid_input` (422).
 * The message never contains the rejected value: it may be a secret.
 */
export class CredentialInputError extends Error {
  readonly field: string;

  constructor({ field, message }: { field: string; message: string }) {
    super(`${field}: ${message}`);
    this.name = 'CredentialInputError';
    this.field = field;
  }
}

/** Parses with a zod schema and turns the first issue into a `CredentialInputError`. */
export function parseOrThrow<T>({ schema, value, field }: { schema: z.ZodType<T>; value: unknown; field: string }): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${field}.${issue.path.join('.')}` : field;
  throw new CredentialInputError({ field: path, message: issue?.message ?? 'is invalid' });
}
