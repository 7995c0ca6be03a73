// Pure: what the browser receives for freshly issued credentials — the same shape from the JSON
// API and from the SAML round trip, so one credentials view serves both.
import type { IssuedCredentials } from './issuance-types';

export function issuedBody(issued: IssuedCredentials, requestId: string) {
  const c = issued.credentials;
  return {
    credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration.toISOString() },
    assumedRoleArn: issued.assumedRoleArn,
    sessionName: issued.sessionName,
    roleArn: issued.roleArn,
    roleLabel: issued.roleLabel,
    accountId: issued.accountId,
    accountLabel: issued.accountLabel,
    region: issued.region,
    durationSeconds: issued.durationSeconds,
    partition: issued.partition,
    requestId,
    ...(issued.notice ? { notice: issued.notice } : {}),
    // Role chaining: the credentials are roleArn's, reached through this hub role.
    ...(issued.chainedFrom ? { chainedFrom: issued.chainedFrom } : {}),
  };
}
