// The one place that reads process.env. Validated once, at first use (instrumentation.ts calls
// it when the server starts, so a bad configuration stops the process before it serves).
import { parseConfig, type Config } from './schema';

export type { Config } from './schema';
export { ConfigError } from './schema';

let cached: Config | undefined;

export function getConfig(): Config {
  if (!cached) {
    cached = parseConfig(process.env);
    // next-auth v4 reads its base URL from the environment itself; derive it from ours.
    process.env.NEXTAUTH_URL = cached.publicUrl;
  }
  return cached;
}
