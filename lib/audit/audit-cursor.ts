// Keyset pagination over (occurredAt, id), newest first: the cursor is the last row shown.
// Opaque to the browser (base64url JSON); a tampered cursor is a 422, never a wider query.
import { AppError } from '@/lib/errors/app-error';

export interface AuditCursor {
  occurredAt: Date;
  id: bigint;
}

export function encodeAuditCursor(c: AuditCursor): string {
  return Buffer.from(JSON.stringify({ t: c.occurredAt.toISOString(), id: c.id.toString() })).toString('base64url');
}

export function decodeAuditCursor(text: string): AuditCursor {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { t?: unknown; id?: unknown };
    if (typeof v.t !== 'string' || typeof v.id !== 'string' || !/^\d{1,19}$/.test(v.id)) throw new Error('shape');
    const occurredAt = new Date(v.t);
    if (Number.isNaN(occurredAt.getTime())) throw new Error('time');
    return { occurredAt, id: BigInt(v.id) };
  } catch {
    throw new AppError('invalid_input', 'This page link is damaged. Start the search again.', { fields: { cursor: 'Not a valid page cursor.' } });
  }
}
