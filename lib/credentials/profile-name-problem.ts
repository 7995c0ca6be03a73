// The rules for a ~/.aws/credentials profile name, in plain code (no zod), so the credentials page
// can check the name as it is typed and the file formatter applies the very same rules.

import { PROFILE_NAME_MAX_LENGTH } from '@/cli/src/shared/sanitize-profile-name.js';

export { PROFILE_NAME_MAX_LENGTH };

// The name becomes an INI section header (`[name]`) in ~/.aws/credentials and is typed after
// `--profile` in a shell, so:
//  - no `[`/`]` or line breaks: they would end the header early or start a new section, letting a
//    name inject keys into the file;
//  - no leading/trailing whitespace: botocore strips it, so `[ dev ]` silently becomes `dev`;
//  - only letters, digits and `_ . : / @ + = , -` (starting with a letter or digit): readable in
//    CloudShell and every shell without quoting, and never mistaken for a CLI flag.
// The rules are ordered so the first one broken names the most specific problem.
const RULES: ReadonlyArray<{ broken: (name: string) => boolean; problem: string }> = [
  { broken: (name) => name.length === 0, problem: 'Profile name is required' },
  {
    broken: (name) => name.length > PROFILE_NAME_MAX_LENGTH,
    problem: `Profile name must be at most ${PROFILE_NAME_MAX_LENGTH} characters`,
  },
  { broken: (name) => /[\r\n\u2028\u2029]/.test(name), problem: 'Profile name must be on a single line' },
  { broken: (name) => name.trim() !== name, problem: 'Profile name must not start or end with spaces' },
  { broken: (name) => /[[\]]/.test(name), problem: 'Profile name must not contain "[" or "]"' },
  {
    broken: (name) => !/^[A-Za-z0-9][A-Za-z0-9_.:/@+=,-]*$/.test(name),
    problem: 'Profile name must start with a letter or digit and contain only letters, digits and _ . : / @ + = , -',
  },
];

/** The most specific thing wrong with `name` as a profile name, or `null` when it may be used. */
export function profileNameProblem(name: string): string | null {
  return RULES.find((rule) => rule.broken(name))?.problem ?? null;
}

/** `true` when `name` may be used as a ~/.aws/credentials profile name. */
export function isValidProfileName(name: string): boolean {
  return profileNameProblem(name) === null;
}
