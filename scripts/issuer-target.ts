// Which broker issuer the issuer:* scripts act on: the configured one (FEDERATION_MODE=broker
// settings, lib/config), or — with no IdP configured — the sandbox's (its data folder's key file).
import { parseConfig, wantsSandbox } from '../lib/config/schema';
import type { BrokerConfig } from '../lib/config/schema';
import { sandboxSettings } from '../sandbox/settings';

export function issuerTarget(env: Record<string, string | undefined>): { issuerUrl: string; keys: BrokerConfig['keys'] } {
  if (wantsSandbox(env)) {
    const s = sandboxSettings(env);
    return { issuerUrl: env.BROKER_ISSUER_URL || s.brokerIssuer, keys: { kind: 'file', path: env.BROKER_KEYS_FILE || s.brokerKeysFile } };
  }
  const cfg = parseConfig(env);
  return { issuerUrl: cfg.broker.issuerUrl, keys: cfg.broker.keys };
}
