// The export formatter of the credentials page is the one `keyport env` and
// `keyport credential-process` print with: it lives in the module the CLI shares
// (cli/src/shared/format-credentials.js), plain JavaScript the CLI runs without a build.
export { checkedRegion, formatCredentials } from '@/cli/src/shared/format-credentials.js';
