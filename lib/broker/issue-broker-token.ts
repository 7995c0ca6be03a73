// One broker token for one issuance: the current signing key, the subject naming role and person,
// the person's session tags and SourceIdentity. Refuses (BrokerTokenRefusal) with the reason in
// words when AWS would refuse what Keyport would send.
import { brokerSubject, BrokerSubjectError } from './broker-subject';
import { signingKeyAt, type BrokerKeySet } from './key-set';
import { mintWebIdentityToken } from './mint-web-identity-token';
import { buildSessionTags, checkSourceIdentity, SessionTagError, type SessionTags, type TaggableAttribute, type TagSource } from './session-tags';

export class BrokerTokenRefusal extends Error {
  override name = 'BrokerTokenRefusal';
}

export interface BrokerTokenInput {
  keys: BrokerKeySet;
  issuer: string;
  audience: string;
  roleArn: string;
  tagSource: TagSource;
  tagAttributes: readonly TaggableAttribute[];
  now: Date;
}

export interface BrokerToken {
  token: string;
  subject: string;
  sourceIdentity: string;
  tags: SessionTags;
  kid: string;
}

export async function issueBrokerToken(input: BrokerTokenInput): Promise<BrokerToken> {
  const key = signingKeyAt(input.keys, input.now);
  if (key === undefined) throw new BrokerTokenRefusal('Keyport has no broker signing key in force yet (the newest key is still being published)');
  let subject: string;
  let tags: SessionTags;
  let sourceIdentity: string;
  try {
    subject = brokerSubject({ roleArn: input.roleArn, person: input.tagSource.person });
    sourceIdentity = checkSourceIdentity(input.tagSource.person);
    tags = buildSessionTags(input.tagSource, input.tagAttributes);
  } catch (e) {
    if (e instanceof BrokerSubjectError || e instanceof SessionTagError) throw new BrokerTokenRefusal(e.message);
    throw e;
  }
  const token = await mintWebIdentityToken({ key, issuer: input.issuer, audience: input.audience, subject, tags, sourceIdentity, now: input.now });
  return { token, subject, sourceIdentity, tags, kid: key.kid };
}
