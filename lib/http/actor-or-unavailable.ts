// The session lookup needs the database. When it is down the person must read that nothing was
// recorded or issued (503), not the generic "Something went wrong" an unknown error becomes.
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors/app-error';
import type { Logger } from '@/lib/log/logger';

export const DATABASE_DOWN_MESSAGE =
  'Keyport cannot reach its database right now, so it cannot check your sign-in or record anything. Nothing was issued or changed. Try again in a few minutes.';

export async function actorOrUnavailable(load: () => Promise<Actor | null>, log: Pick<Logger, 'error'>): Promise<Actor | null> {
  try {
    return await load();
  } catch (e) {
    log.error('session lookup failed', { error: e });
    throw new AppError('unavailable', DATABASE_DOWN_MESSAGE);
  }
}
