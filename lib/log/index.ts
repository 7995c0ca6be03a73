import { getConfig } from '@/lib/config';
import { createLogger, type Logger } from './logger';

export type { Logger } from './logger';

let root: Logger | undefined;

/** The process logger; `forRequest(id)` gives one that stamps every line with the request id. */
export function logger(): Logger {
  root ??= createLogger({ level: getConfig().logLevel, base: { service: 'keyport' } });
  return root;
}

export function forRequest(requestId: string): Logger {
  return logger().child({ requestId });
}
