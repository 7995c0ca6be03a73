// Pure: a sliding hour made of 10-minute slots. Counting per slot keeps one row per person per
// slot in PostgreSQL; summing the last six slots approximates a sliding window without a row per
// request.
export const SLOT_MS = 10 * 60 * 1000;
export const WINDOW_MS = 60 * 60 * 1000;

export function slotStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / SLOT_MS) * SLOT_MS);
}

export function windowStart(now: Date): Date {
  return new Date(slotStart(now).getTime() - WINDOW_MS + SLOT_MS);
}

/**
 * Given the per-slot counts inside the window, whether one more is allowed, and if not, how many
 * seconds until enough old slots leave the window.
 */
export function decide(buckets: { windowStart: Date; count: number }[], limit: number, now: Date): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
  const total = buckets.reduce((s, b) => s + b.count, 0);
  if (total < limit) return { allowed: true };
  const sorted = [...buckets].sort((a, b) => a.windowStart.getTime() - b.windowStart.getTime());
  let remaining = total;
  for (const b of sorted) {
    remaining -= b.count;
    if (remaining < limit) {
      const freeAt = b.windowStart.getTime() + WINDOW_MS;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)) };
    }
  }
  return { allowed: false, retryAfterSeconds: Math.ceil(WINDOW_MS / 1000) };
}

/**
 * Whether the n-th refusal of one key within a slot is recorded in the audit: the 1st, 10th,
 * 100th, … So a flood shows in the audit with its size, in a handful of events, instead of one
 * chained event per request slowing issuance for everyone (security review).
 */
export function auditRefusalNow(refusedInSlot: number): boolean {
  if (!Number.isInteger(refusedInSlot) || refusedInSlot < 1) return false;
  let n = refusedInSlot;
  while (n % 10 === 0) n /= 10;
  return n === 1;
}
