import { PROFILE_NAME_MAX_LENGTH } from './profile-name-problem';

const FALLBACK = 'keyport';

/**
 * Turns free text (a role name, an account alias) into a profile name that `profileNameProblem`
 * accepts, for pre-filling the profile field: disallowed characters become `-`, runs of `-`
 * collapse, leading characters that are not a letter or digit are dropped, and the result is cut
 * to the maximum length. Falls back to `keyport` when nothing usable remains.
 */
export function sanitizeProfileName(raw: string): string {
  const cleaned = raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9_.:/@+=,-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, PROFILE_NAME_MAX_LENGTH)
    .replace(/-+$/, '');
  return cleaned.length > 0 ? cleaned : FALLBACK;
}
