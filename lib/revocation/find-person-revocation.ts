// The person revocation in force for someone, if any: it refuses every new issuance to them until
// it is lifted. Matched on the subject and on the (lower-cased) e-mail, so the same person signed
// in through the other IdP is refused as well. Plain SQL on the pool: every issuance runs it.
import { inEnglish, type Explanation } from '@/lib/i18n/explanation';
import { sqlPool, type Db } from '@/lib/db/create-client';

export interface PersonRevocationInForce {
  id: string;
  reason: string;
  createdAt: Date;
  createdByName: string;
}

/**
 * The SELECT of the newest person revocation in force, its subject and e-mail in the parameters
 * `$<sub>` and `$<email>` (the e-mail lower-cased, or null). Also run inside the issuance's one
 * entitlement statement (lib/issuance/check-issuable.ts), so both read the same rule.
 */
export function personRevocationSelect(sub: number, email: number): string {
  return `SELECT "id", "reason", "created_at" AS "createdAt", "created_by_name" AS "createdByName"
       FROM "revocations"
      WHERE "kind" = 'PERSON' AND "lifted_at" IS NULL
        AND ("person_sub" = $${sub} OR ($${email}::text IS NOT NULL AND "person_email" = $${email}::text))
      ORDER BY "created_at" DESC LIMIT 1`;
}

/** The e-mail as the revocation stores it, for personRevocationSelect's parameter. */
export function revocationEmail(email: string | null): string | null {
  return email?.toLowerCase() ?? null;
}

export async function findPersonRevocation(db: Db, person: { sub: string; email: string | null }): Promise<PersonRevocationInForce | null> {
  const { rows } = await sqlPool(db).query<PersonRevocationInForce>(personRevocationSelect(1, 2), [person.sub, revocationEmail(person.email)]);
  return rows[0] ?? null;
}

/** The sentence a revoked person reads, naming the revocation. */
export function revokedExplanation(r: PersonRevocationInForce, supportContact: string): Explanation {
  return { key: 'issue.revoked', values: { at: r.createdAt.toISOString().slice(0, 16).replace('T', ' '), by: r.createdByName, reason: r.reason, id: r.id, contact: supportContact } };
}

export function revokedMessage(r: PersonRevocationInForce, supportContact: string): string {
  return inEnglish(revokedExplanation(r, supportContact));
}
