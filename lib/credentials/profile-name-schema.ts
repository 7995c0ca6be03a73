import { z } from 'zod';

export const PROFILE_NAME_MAX_LENGTH = 64;

// The name becomes an INI section header (`[name]`) in ~/.aws/credentials and is typed after
// `--profile` in a shell, so:
//  - no `[`/`]` or line breaks: they would end the header early or start a new section, letting a
//    name inject keys into the file;
//  - no leading/trailing whitespace: botocore strips it, so `[ dev ]` silently becomes `dev`;
//  - only letters, digits and `_ . : / @ + = , -` (starting with a letter or digit): readable in
//    CloudShell and every shell without quoting, and never mistaken for a CLI flag.
// The checks are ordered so the first issue names the most specific problem.
export const profileNameSchema = z
  .string({ error: 'Profile name is required' })
  .min(1, { error: 'Profile name is required' })
  .max(PROFILE_NAME_MAX_LENGTH, { error: `Profile name must be at most ${PROFILE_NAME_MAX_LENGTH} characters` })
  .refine((name) => !/[\r\n\u2028\u2029]/.test(name), { error: 'Profile name must be on a single line' })
  .refine((name) => name.trim() === name, { error: 'Profile name must not start or end with spaces' })
  .refine((name) => !/[[\]]/.test(name), { error: 'Profile name must not contain "[" or "]"' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:/@+=,-]*$/, {
    error: 'Profile name must start with a letter or digit and contain only letters, digits and _ . : / @ + = , -',
  });

/** `true` when `name` may be used as a ~/.aws/credentials profile name. */
export function isValidProfileName(name: string): boolean {
  return profileNameSchema.safeParse(name).success;
}
