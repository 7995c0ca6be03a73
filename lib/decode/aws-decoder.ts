// The AWS side of decoding: assume the decoder role in the message's account with the server's
// credentials (as revocation assumes REVOCATION_ROLE_NAME, lib/revocation/role-iam.ts), then call
// sts:DecodeAuthorizationMessage with that role's session. The message can only be decoded in the
// account whose request was refused, by a principal allowed sts:DecodeAuthorizationMessage (STS API
// Reference, DecodeAuthorizationMessage). AWS's error code is returned, never its message text.
import { AssumeRoleCommand, DecodeAuthorizationMessageCommand, STSClient } from '@aws-sdk/client-sts';
import { awsErrorCode } from '@/lib/revocation/role-iam';

export type DecodeAnswer = { ok: true; decodedJson: string } | { ok: false; step: 'assume-decoder-role' | 'decode'; code: string };

export interface AwsDecoder {
  decode(opts: { partition: string; accountId: string; encoded: string }): Promise<DecodeAnswer>;
}

export function createAwsDecoder(opts: {
  roleName: string;
  stsEndpoint?: string | undefined;
  region?: string;
  /** Tests only; otherwise the SDK's default provider chain (the server's own identity). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}): AwsDecoder {
  const region = opts.region ?? 'us-east-1';
  const base = { region, maxAttempts: 2, ...(opts.stsEndpoint ? { endpoint: opts.stsEndpoint } : {}) };
  return {
    async decode({ partition, accountId, encoded }) {
      const own = new STSClient({ ...base, ...(opts.credentials ? { credentials: opts.credentials } : {}) });
      let creds;
      try {
        const out = await own.send(new AssumeRoleCommand({ RoleArn: `arn:${partition}:iam::${accountId}:role/${opts.roleName}`, RoleSessionName: 'keyport-decode', DurationSeconds: 900 }));
        creds = out.Credentials;
      } catch (e) {
        return { ok: false, step: 'assume-decoder-role', code: awsErrorCode(e) };
      } finally {
        own.destroy();
      }
      if (!creds?.AccessKeyId || !creds.SecretAccessKey || !creds.SessionToken) return { ok: false, step: 'assume-decoder-role', code: 'IncompleteResponse' };
      const decoder = new STSClient({ ...base, credentials: { accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey, sessionToken: creds.SessionToken } });
      try {
        const out = await decoder.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
        return out.DecodedMessage ? { ok: true, decodedJson: out.DecodedMessage } : { ok: false, step: 'decode', code: 'IncompleteResponse' };
      } catch (e) {
        return { ok: false, step: 'decode', code: awsErrorCode(e) };
      } finally {
        decoder.destroy();
      }
    },
  };
}
