// SIGTERM, in order: readiness goes false (load balancers stop sending), after `delaySeconds` new
// issuances are refused, in-flight ones finish and record their outcomes, and the process exits —
// within `graceSeconds` of the end of the delay even if one hangs. Next.js's own handler (which
// exits at once) is off: the server runs with NEXT_MANUAL_SIG_HANDLE=true.
import type { Logger } from '@/lib/log/logger';
import { metrics } from '@/lib/metrics/registry';
import { shutdownState, waitForIdle } from './in-flight';

/** Installs the SIGTERM / SIGINT handlers; returns what removes them. */
export function installGracefulShutdown(opts: { delaySeconds: number; graceSeconds: number; log: Logger; exit?: (code: number) => void }): () => void {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const s = shutdownState();
  const begin = async (signal: string) => {
    if (s.draining) return;
    s.draining = true;
    metrics().shuttingDown.set(1);
    opts.log.info('shutting down: readiness is false', { signal, delaySeconds: opts.delaySeconds, graceSeconds: opts.graceSeconds, inFlight: s.inFlight });
    await new Promise((r) => setTimeout(r, opts.delaySeconds * 1000));
    s.refusing = true;
    const inFlight = s.inFlight;
    const idle = await waitForIdle(opts.graceSeconds * 1000);
    if (idle) opts.log.info('shutting down: no issuance in flight, exiting', { finished: inFlight });
    else opts.log.error('shutting down: the grace period ended with issuances in flight, exiting', { inFlight: s.inFlight });
    exit(idle ? 0 : 1);
  };
  const onTerm = () => void begin('SIGTERM');
  const onInt = () => void begin('SIGINT');
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  return () => {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onInt);
  };
}
