// Which monthly audit partitions retention drops. Pure. A partition goes only when all of it is
// older than the retention period (its month ends on or before the cutoff).
export const PARTITION_NAME = /^audit_events_p(\d{4})(\d{2})$/;

/** The start of the UTC month `months` before the month of `now`. */
export function retentionCutoff(now: Date, months: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
}

export function partitionsToDrop(names: readonly string[], cutoff: Date): string[] {
  return names
    .filter((n) => {
      const m = PARTITION_NAME.exec(n);
      if (!m) return false;
      const end = new Date(Date.UTC(Number(m[1]), Number(m[2]), 1));
      return end.getTime() <= cutoff.getTime();
    })
    .sort();
}
