import { z } from 'zod';

// Every output format pastes these values into a shell line, a PowerShell/fish double-quoted
// string, an INI file or a URL, unquoted as the AWS CLI does. Restricting them to the characters
// STS actually uses (AccessKeyId: `[\w]{16,128}` per the STS API; secret and token: base64, plus
// base64url's `-_` and `.` for local emulators) makes every format injection-free by construction
// instead of relying on per-shell escaping.
const SAFE_SECRET = /^[A-Za-z0-9/+=._-]+$/;

export const temporaryCredentialsSchema = z.object({
  accessKeyId: z.string().regex(/^\w{16,128}$/, {
    error: 'must be 16–128 letters, digits or underscores (an STS AccessKeyId)',
  }),
  secretAccessKey: z.string().regex(SAFE_SECRET, {
    error: 'must be non-empty and contain only base64 characters (A–Z a–z 0–9 / + = . _ -)',
  }),
  sessionToken: z.string().regex(SAFE_SECRET, {
    error: 'must be non-empty and contain only base64 characters (A–Z a–z 0–9 / + = . _ -)',
  }),
  expiration: z.date({ error: 'must be a valid Date' }),
});
