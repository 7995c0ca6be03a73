import { z } from 'zod';
import { parseOrThrow } from './credential-input-error';
import { consoleHomeUrl } from './console-home-url';
import { resolveFederationEndpoint } from './resolve-federation-endpoint';
import type { Partition } from './types';

// The token is opaque text from the federation endpoint; it is URL-encoded below anyway, but
// anything beyond printable ASCII means the response was not a sign-in token.
const signinTokenSchema = z
  .string()
  .min(1, { error: 'is required' })
  .max(16_384, { error: 'is too long' })
  .regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' });

// Issuer is where AWS sends the person when the console session ends: Keyport's own sign-in page.
const issuerSchema = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      return false;
    }
  },
  { error: 'must be an absolute http(s) URL without user info' },
);

/**
 * Step 2 of console sign-in: the URL the browser opens,
 * `…/federation?Action=login&Issuer=<issuer>&Destination=<regional console home>&SigninToken=<token>`.
 * It carries only the short-lived, single-use SigninToken, so it may be sent to the browser.
 */
export function buildConsoleLoginUrl({
  partition,
  signinToken,
  region,
  issuer,
  federationEndpoint,
}: {
  partition: Partition;
  signinToken: string;
  region: string;
  issuer: string;
  federationEndpoint?: string | undefined;
}): string {
  const url = resolveFederationEndpoint({ partition, federationEndpoint });
  const destination = consoleHomeUrl({ partition, region });
  const token = parseOrThrow({ schema: signinTokenSchema, value: signinToken, field: 'signinToken' });
  const issuerUrl = parseOrThrow({ schema: issuerSchema, value: issuer, field: 'issuer' });

  url.search = new URLSearchParams({
    Action: 'login',
    Issuer: issuerUrl,
    Destination: destination,
    SigninToken: token,
  }).toString();
  return url.toString();
}
