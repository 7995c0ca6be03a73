// The one place that reads process.env. Validated once, at first use (instrumentation.ts calls
// it when the server starts, so a bad configuration stops the process before it serves).
import { parseConfig, type Config } from './schema';

export type { Config } from './schema';
export { ConfigError } from './schema';

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
