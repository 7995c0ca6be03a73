import { getConfig } from '@/lib/config';
import { acceptRequestId } from '@/lib/http/security-headers';
import { createLogger, type Logger } from './logger';

export type { Logger } from './logger';

let root: Logger | undefined;

/** The process logger, for lines that belong to no request (start-up, sweeps). */
export function logger(): Logger {
  root ??= createLogger({ level: getConfig().logLevel, base: { service: 'keyport' } });
  return root;
}

export function forRequest(requestId: string): Logger {
  return logger().child({ requestId });
}

/**
 * The logger of the request being served: every line carries the request id that proxy.ts gave
 * the request (and returned in `x-request-id`). Outside a request it is the process logger.
 */
export async function requestLogger(): Promise<Logger> {
  try {
    const { headers } = await import('next/headers');
    // Checked here too: the JSON APIs do not pass through proxy.ts. An unusable id is left out.
    const raw = (await headers()).get('x-request-id');
    const id = raw ? acceptRequestId(raw, () => '') : '';
    return id ? forRequest(id) : logger();
  } catch {
    return logger();
  }
}
