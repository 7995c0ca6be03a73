import 'server-only';
// The device authorization request (RFC 8628 3.1, 3.2): a device code for the CLI to poll with
// and a user code for the person to type on the approval page. verification_uri_complete is not
// offered on purpose: the code is typed, never taken pre-filled from a link (a link carrying a
// code is what a phishing message sends, RFC 8628 5.4).
import type { Db } from '@/lib/db/create-client';
import { DEVICE_CODE_SECONDS, DEVICE_POLL_INTERVAL_SECONDS } from './cli-token-lifetimes';
import type { CliRequestContext } from './issue-cli-tokens';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token';
import { newUserCode } from './user-code';

export interface DeviceAuthorizationResponse {
  device_code: string;
  user_code: string;
  verification_uri: string;
  expires_in: number;
  interval: number;
}

export async function startDeviceAuthorization(opts: { db: Db; publicUrl: string; clientName: string; context: CliRequestContext; now?: Date }): Promise<DeviceAuthorizationResponse> {
  const now = opts.now ?? new Date();
  const deviceCode = newOpaqueToken('kpd');
  // A clash of user codes (unique index) is astronomically rare; try again once.
  for (let attempt = 0; ; attempt++) {
    const userCode = newUserCode();
    try {
      await opts.db.cliAuthorization.create({
        data: {
          kind: 'device',
          deviceCodeHash: hashOpaqueToken(deviceCode),
          userCodeHash: hashOpaqueToken(userCode),
          clientName: opts.clientName,
          requesterIp: opts.context.sourceIp,
          requesterUserAgent: opts.context.userAgent,
          pollIntervalSeconds: DEVICE_POLL_INTERVAL_SECONDS,
          expiresAt: new Date(now.getTime() + DEVICE_CODE_SECONDS * 1000),
        },
      });
      return { device_code: deviceCode, user_code: userCode, verification_uri: `${opts.publicUrl}/cli/device`, expires_in: DEVICE_CODE_SECONDS, interval: DEVICE_POLL_INTERVAL_SECONDS };
    } catch (e) {
      if (attempt >= 1) throw e;
    }
  }
}
