import 'server-only';
// Wires decoding to the configuration: the decoder role (DECODER_ROLE_NAME) assumed with the
// server's credentials, at the configured STS endpoint.
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import type { Logger } from '@/lib/log/logger';
import { createAwsDecoder } from './aws-decoder';
import type { DecodeDeps } from './decode-authorization-message';

export function decodeDeps(log: Logger): DecodeDeps {
  const cfg = getConfig();
  return { db: getDb(), log, decoder: cfg.decoderRoleName ? createAwsDecoder({ roleName: cfg.decoderRoleName, stsEndpoint: cfg.stsEndpoint }) : null };
}
