// zod form of the temporary-credential rules (check-temporary-credentials.ts, which explains them)
// for the server-side builders that parse with zod; same patterns, same messages.
import { z } from 'zod';
import {
  ACCESS_KEY_ID_PATTERN,
  ACCESS_KEY_ID_PROBLEM,
  EXPIRATION_PROBLEM,
  SAFE_SECRET_PATTERN,
  SAFE_SECRET_PROBLEM,
} from './check-temporary-credentials';

export const temporaryCredentialsSchema = z.object({
  accessKeyId: z.string().regex(ACCESS_KEY_ID_PATTERN, { error: ACCESS_KEY_ID_PROBLEM }),
  secretAccessKey: z.string().regex(SAFE_SECRET_PATTERN, { error: SAFE_SECRET_PROBLEM }),
  sessionToken: z.string().regex(SAFE_SECRET_PATTERN, { error: SAFE_SECRET_PROBLEM }),
  expiration: z.date({ error: EXPIRATION_PROBLEM }),
});
