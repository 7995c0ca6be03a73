// The process's shutdown state, shared by every bundle Next.js loads (globalThis): whether it is
// draining (readiness false), whether it still takes new issuances, and how many are in flight.
import { AppError } from '@/lib/errors/app-error';

interface ShutdownState {
  draining: boolean;
  refusing: boolean;
  inFlight: number;
  idle: Set<() => void>;
}

const KEY = Symbol.for('keyport.shutdown');

export function shutdownState(): ShutdownState {
  const g = globalThis as unknown as Record<symbol, ShutdownState | undefined>;
  g[KEY] ??= { draining: false, refusing: false, inFlight: 0, idle: new Set() };
  return g[KEY];
}

/** Runs one issuance, counted as in flight; refused once the instance stopped taking new ones. */
export async function trackInFlight<T>(run: () => Promise<T>): Promise<T> {
  const s = shutdownState();
  if (s.refusing) {
    throw new AppError('unavailable', 'This Keyport instance is shutting down and takes no new requests. Nothing was issued. Try again in a moment.', { retryAfterSeconds: 1 });
  }
  s.inFlight++;
  try {
    return await run();
  } finally {
    s.inFlight--;
    if (s.inFlight === 0) for (const done of [...s.idle]) done();
  }
}

/** Resolves true once nothing is in flight, or false when `timeoutMs` passed first. */
export function waitForIdle(timeoutMs: number): Promise<boolean> {
  const s = shutdownState();
  if (s.inFlight === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      s.idle.delete(done);
      resolve(true);
    };
    const timer = setTimeout(() => {
      s.idle.delete(done);
      resolve(false);
    }, timeoutMs);
    s.idle.add(done);
  });
}
