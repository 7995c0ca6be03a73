import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { actorOrUnavailable, DATABASE_DOWN_MESSAGE } from './actor-or-unavailable';

const log = { error: () => undefined };

describe('actorOrUnavailable', () => {
  it('turns a failed session lookup (database down) into a 503 that says nothing was issued', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const e = await actorOrUnavailable(() => Promise.reject(refused), log).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(503);
    expect((e as AppError).message).toBe(DATABASE_DOWN_MESSAGE);
    expect((e as AppError).message).not.toContain('ECONNREFUSED');
  });
  it('passes a found or missing session through', async () => {
    expect(await actorOrUnavailable(() => Promise.resolve(null), log)).toBeNull();
  });
});
