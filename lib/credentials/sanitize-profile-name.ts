// Lives in the module the keyport CLI shares (cli/src/shared/), so `keyport configure` names
// profiles as the credentials page pre-fills them: one implementation.
export { sanitizeProfileName } from '@/cli/src/shared/sanitize-profile-name.js';
