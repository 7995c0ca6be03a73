import 'server-only';
// What the approval page shows for a typed user code: the pending request's code, the address and
// user agent of the machine that asked, and when. Lookups count against the person's quota, so
// user codes cannot be guessed from a signed-in browser (RFC 8628 5.1).
import type { Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { consumeQuota } from '@/lib/rate-limit/consume-quota';
import { hashOpaqueToken } from './opaque-token';
import { normalizeUserCode } from './user-code';

export const DEVICE_LOOKUPS_PER_HOUR = 30;

export interface PendingDeviceAuthorization {
  id: string;
  userCode: string;
  clientName: string;
  requesterIp: string | null;
  requesterUserAgent: string | null;
  requestedAt: string;
  expiresAt: string;
}

export async function findDeviceAuthorization(opts: { db: Db; personSub: string; userCode: string; now?: Date }): Promise<PendingDeviceAuthorization> {
  const now = opts.now ?? new Date();
  const code = normalizeUserCode(opts.userCode);
  const quota = await consumeQuota({ db: opts.db, key: `cli-device-lookup:${opts.personSub}`, limitPerHour: DEVICE_LOOKUPS_PER_HOUR, now });
  if (!quota.allowed) throw new AppError('rate_limited', `You have looked up ${DEVICE_LOOKUPS_PER_HOUR} device codes in the last hour. Try again in ${Math.ceil(quota.retryAfterSeconds / 60)} minutes.`, { retryAfterSeconds: quota.retryAfterSeconds });
  if (!code) throw new AppError('invalid_input', 'A code has 8 letters, shown by `keyport login --device-code` as XXXX-XXXX.', { fields: { userCode: 'must be 8 letters (XXXX-XXXX)' } });
  const row = await opts.db.cliAuthorization.findUnique({
    where: { userCodeHash: hashOpaqueToken(code) },
    select: { id: true, kind: true, clientName: true, requesterIp: true, requesterUserAgent: true, createdAt: true, expiresAt: true, approvedAt: true, deniedAt: true },
  });
  if (!row || row.kind !== 'device' || row.expiresAt <= now) throw new AppError('not_found', 'No sign-in is waiting for this code. Check the code in your terminal; it is valid for 10 minutes.');
  if (row.approvedAt || row.deniedAt) throw new AppError('conflict', 'This code has already been answered. Run `keyport login --device-code` again for a new one.');
  return {
    id: row.id,
    userCode: code,
    clientName: row.clientName,
    requesterIp: row.requesterIp,
    requesterUserAgent: row.requesterUserAgent,
    requestedAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}
