// The one error type entry points map to HTTP. A closed set of codes; the message is written
// for the person who will read it, never an internal exception text. `explain` names the same
// message in the `explain` catalog, so a page can show it in the reader's language.
import { inEnglish, type Explanation } from '@/lib/i18n/explanation';
export const ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  invalid_input: 422,
  rate_limited: 429,
  internal: 500,
  upstream: 502,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { fields?: Record<string, string>; retryAfterSeconds?: number; detail?: Record<string, unknown>; explain?: Explanation } = {},
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** An AppError whose message is a message of the `explain` catalog (in English here). */
export function explainedError(code: ErrorCode, explanation: Explanation, extra: Omit<AppError['extra'], 'explain'> = {}): AppError {
  return new AppError(code, inEnglish(explanation), { ...extra, explain: explanation });
}
