// SIGTERM with an issuance that never ends: the process still exits when the grace period is over.
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '@/lib/log/logger';
import { installGracefulShutdown } from './graceful-shutdown';
import { shutdownState, trackInFlight } from './in-flight';

describe('graceful shutdown, grace period', () => {
  it('exits (code 1, logged) once the grace period ends with an issuance still in flight', async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const exit = vi.fn<(code: number) => void>();
    const uninstall = installGracefulShutdown({ delaySeconds: 0, graceSeconds: 20, log: createLogger({ write: (l) => lines.push(l) }), exit });
    try {
      void trackInFlight(() => new Promise(() => undefined));
      process.emit('SIGTERM');
      process.emit('SIGTERM'); // a second signal does not start a second shutdown
      await vi.advanceTimersByTimeAsync(19_999);
      expect(exit).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(exit).toHaveBeenCalledTimes(1);
      expect(exit).toHaveBeenCalledWith(1);
      expect(shutdownState().inFlight).toBe(1);
      expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({ level: 'error', msg: 'shutting down: the grace period ended with issuances in flight, exiting', inFlight: 1 });
    } finally {
      uninstall();
      vi.useRealTimers();
    }
  });
});
