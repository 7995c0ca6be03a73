// `npm start -- --instances N`: how many portal instances to run behind one local round-robin
// balancer (a demonstration of many instances on one database). Pure.
export function instancesOption(argv: readonly string[]): number {
  const i = argv.findIndex((a) => a === '--instances' || a.startsWith('--instances='));
  if (i < 0) return 1;
  const raw = argv[i]?.includes('=') ? argv[i]?.split('=')[1] : argv[i + 1];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`--instances takes a whole number from 1 to 16 (got ${raw ?? 'nothing'})`);
  return n;
}

/** The ports: one instance serves on the public port; several sit on the ports after it, behind the balancer. */
export function instancePorts(publicPort: number, instances: number): number[] {
  return instances === 1 ? [publicPort] : Array.from({ length: instances }, (_, k) => publicPort + 1 + k);
}
