// Lives in the module the keyport CLI shares (cli/src/shared/): one implementation.
export { formatCliExpiration } from '@/cli/src/shared/format-cli-expiration.js';
