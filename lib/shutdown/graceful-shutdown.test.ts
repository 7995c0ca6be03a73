// SIGTERM with an issuance in flight: not ready at once, new issuances refused after the delay,
// the one in flight finishes, then the process exits 0.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { createLogger } from '@/lib/log/logger';
import { metrics } from '@/lib/metrics/registry';
import { installGracefulShutdown } from './graceful-shutdown';
import { shutdownState, trackInFlight } from './in-flight';

afterEach(() => vi.useRealTimers());

describe('graceful shutdown', () => {
  it('drains, refuses new issuances, lets the one in flight finish, then exits 0', async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const exit = vi.fn<(code: number) => void>();
    const uninstall = installGracefulShutdown({ delaySeconds: 5, graceSeconds: 30, log: createLogger({ write: (l) => lines.push(l) }), exit });
    try {
      let finish: (v: string) => void = () => undefined;
      const inFlight = trackInFlight(() => new Promise<string>((r) => (finish = r)));
      expect(shutdownState().inFlight).toBe(1);

      process.emit('SIGTERM');
      expect(shutdownState().draining).toBe(true);
      expect(await metrics().shuttingDown.get()).toMatchObject({ values: [{ value: 1 }] });
      // During the delay, requests still routed here are served.
      await expect(trackInFlight(async () => 'served')).resolves.toBe('served');

      await vi.advanceTimersByTimeAsync(5000);
      const refused = await trackInFlight(async () => 'issued').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).code).toBe('unavailable');
      expect((refused as AppError).message).toMatch(/shutting down.*Nothing was issued/);
      expect(exit).not.toHaveBeenCalled();

      finish('credentials');
      await expect(inFlight).resolves.toBe('credentials');
      await vi.advanceTimersByTimeAsync(0);
      expect(exit).toHaveBeenCalledWith(0);
      expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['shutting down: readiness is false', 'shutting down: no issuance in flight, exiting']);
    } finally {
      uninstall();
    }
  });
});
