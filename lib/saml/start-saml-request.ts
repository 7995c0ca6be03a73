// Starts an SP-initiated SAML exchange: an AuthnRequest recorded in the database (its id, purpose,
// the session it belongs to and what it is for) and the HTTP-Redirect URL that carries it to the IdP.
import type { Db } from '@/lib/db/create-client';
import type { IdpDescriptor } from './parse-idp-metadata';
import type { SamlPurpose } from './saml-requests';
import { samlClient, type SamlSp } from './validate-saml-response';

export async function startSamlRequest(opts: {
  db: Db;
  idp: IdpDescriptor;
  sp: SamlSp;
  purpose: SamlPurpose;
  sessionId: string | null;
  pending: Record<string, unknown>;
}): Promise<string> {
  const client = samlClient({ db: opts.db, idp: opts.idp, sp: opts.sp, purpose: opts.purpose, record: { sessionId: opts.sessionId, pending: opts.pending } });
  return client.getAuthorizeUrlAsync('', undefined, {});
}
