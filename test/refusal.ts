// Awaits a promise that must be refused with an AppError, and answers that error.
import { expect } from 'vitest';
import { AppError } from '@/lib/errors/app-error';

export async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => new Error('expected a refusal'),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}
