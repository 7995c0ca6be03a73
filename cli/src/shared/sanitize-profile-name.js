// Profile names for ~/.aws: the credentials page's pre-filled profile field and the profiles
// `keyport configure` writes. Shared by the portal and the CLI (see credential-input-error.js). Pure.

export const PROFILE_NAME_MAX_LENGTH = 64;
const FALLBACK = 'keyport';

/**
 * Turns free text (a role name, an account alias) into a profile name that `profileNameProblem`
 * accepts, for pre-filling the profile field: disallowed characters become `-`, runs of `-`
 * collapse, leading characters that are not a letter or digit are dropped, and the result is cut
 * to the maximum length. Falls back to `keyport` when nothing usable remains.
 * @param {string} raw
 * @returns {string}
 */
export function sanitizeProfileName(raw) {
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
