// A refusal of an issuance before anything was recorded or sent: the error the person reads and a
// short reason for the audit (ISSUE_DENIED's details.reason). Steps throw it; the pipeline records
// it (record-refusal.ts) and answers the error.
import type { AppError } from '@/lib/errors/app-error';

export type RefusalReason =
  | 'invalid input'
  | 'not entitled'
  | 'mapping disabled'
  | 'wrong sign-in'
  | 'revoked'
  | 'out of bounds'
  | 'sign-in expired'
  | 'saml role missing'
  | 'saml misconfigured'
  | 'saml other partition'
  | 'refused'
  | 'broker misconfigured'
  | 'chain misconfigured'
  | 'other person'
  | 'no session'
  | 'unknown request'
  | 'sink behind';

export class IssueRefusal extends Error {
  override name = 'IssueRefusal';
  constructor(
    readonly reason: RefusalReason,
    readonly error: AppError,
    readonly details: Record<string, unknown> = {},
  ) {
    super(error.message);
  }
}

export function isIssueRefusal(e: unknown): e is IssueRefusal {
  return e instanceof IssueRefusal;
}
