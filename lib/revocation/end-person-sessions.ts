// Ends every Keyport session of a person at once, and drops every token Keyport holds for them
// (the IdP's ID and refresh tokens, kept encrypted with the session), together with their pending
// SAML requests. Runs in the revocation's own transaction, so the revocation and the sign-out
// commit together: the person's next request on any instance finds no live session.
// Matched on the subject and on the lower-cased e-mail, as the issuance block is. Their keyport CLI
// sign-ins are revoked in the same statement batch (reason person_revoked), so the CLI says why.
import type { Prisma } from '@/lib/db/generated/client';

type Tx = Prisma.TransactionClient;

export async function endPersonSessions(tx: Tx, person: { sub: string; email: string | null }, now: Date): Promise<{ sessionsEnded: number; cliTokensRevoked: number }> {
  const cliTokensRevoked = await tx.$executeRaw`
    UPDATE "cli_tokens" SET "revoked_at" = ${now}, "revoked_reason" = 'person_revoked'
     WHERE "revoked_at" IS NULL
       AND ("user_sub" = ${person.sub} OR (${person.email}::text IS NOT NULL AND "email" = ${person.email}::text)
            OR "session_id" IN (SELECT "id" FROM "sessions" WHERE "user_sub" = ${person.sub} OR (${person.email}::text IS NOT NULL AND lower("email") = ${person.email}::text)))`;
  const ended = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "sessions" SET "revoked_at" = ${now}, "id_token_enc" = NULL, "refresh_token_enc" = NULL
     WHERE "revoked_at" IS NULL
       AND ("user_sub" = ${person.sub} OR (${person.email}::text IS NOT NULL AND lower("email") = ${person.email}::text))
    RETURNING "id"`;
  if (ended.length > 0) {
    await tx.samlRequest.deleteMany({ where: { sessionId: { in: ended.map((r) => r.id) } } });
  }
  // Sessions that had already ended keep no tokens either.
  await tx.$executeRaw`
    UPDATE "sessions" SET "id_token_enc" = NULL, "refresh_token_enc" = NULL
     WHERE ("id_token_enc" IS NOT NULL OR "refresh_token_enc" IS NOT NULL)
       AND ("user_sub" = ${person.sub} OR (${person.email}::text IS NOT NULL AND lower("email") = ${person.email}::text))`;
  return { sessionsEnded: ended.length, cliTokensRevoked };
}
