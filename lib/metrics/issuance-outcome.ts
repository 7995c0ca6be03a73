// The outcome label of one issuance, from how it ended. Pure.
import { isAppError } from '@/lib/errors/app-error';

export type IssuanceOutcome = 'success' | 'sts_refused' | 'denied' | 'rate_limited' | 'invalid' | 'unauthenticated' | 'unavailable' | 'error';

/** `undefined` = it returned credentials; otherwise what it threw. */
export function issuanceOutcome(thrown: unknown): IssuanceOutcome {
  if (thrown === undefined) return 'success';
  if (!isAppError(thrown)) return 'error';
  if (typeof thrown.extra.detail?.stsErrorCode === 'string') return 'sts_refused';
  switch (thrown.code) {
    case 'forbidden':
      return 'denied';
    case 'rate_limited':
      return 'rate_limited';
    case 'invalid_input':
      return 'invalid';
    case 'unauthenticated':
      return 'unauthenticated';
    case 'unavailable':
      return 'unavailable';
    default:
      return 'error';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The mapping label: the asked-for id only for outcomes reached after Keyport resolved it to one of
 * the person's mappings, so a client cannot mint label values by sending made-up ids.
 */
export function mappingLabel(outcome: IssuanceOutcome, mappingId: string): string {
  const resolved = outcome === 'success' || outcome === 'sts_refused' || outcome === 'rate_limited' || outcome === 'invalid';
  return resolved && UUID.test(mappingId) ? mappingId.toLowerCase() : 'none';
}

/** AWS error codes are identifiers; anything else (a hostile or broken endpoint) is "Other". */
export function stsErrorLabel(code: string): string {
  return /^[A-Za-z][A-Za-z0-9]{0,63}$|^[1-5][0-9]{2}$/.test(code) ? code : 'Other';
}
