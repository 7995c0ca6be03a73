import 'server-only';
// This portal as a SAML service provider, from the configuration.
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors/app-error';
import type { SamlSp } from './validate-saml-response';

export const ACS_PATH = '/api/saml/acs';

export function samlSp(): SamlSp {
  const cfg = getConfig();
  if (!cfg.saml) throw new AppError('not_found', 'SAML sign-in is not configured on this Keyport.');
  return {
    acsUrl: `${cfg.publicUrl}${ACS_PATH}`,
    spEntityId: cfg.saml.spEntityId,
    awsEntityId: cfg.saml.awsEntityId,
    allowIdpInitiated: cfg.saml.allowIdpInitiated,
  };
}
