// The check lives in the module the keyport CLI shares (cli/src/shared/): one implementation.
export {
  ACCESS_KEY_ID_PATTERN,
  ACCESS_KEY_ID_PROBLEM,
  EXPIRATION_PROBLEM,
  SAFE_SECRET_PATTERN,
  SAFE_SECRET_PROBLEM,
  checkTemporaryCredentials,
} from '@/cli/src/shared/check-temporary-credentials.js';
