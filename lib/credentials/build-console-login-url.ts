import { z } from 'zod';
import { CredentialInputError, parseOrThrow } from './credential-input-error';
import { partitionEndpoints } from './partition-endpoints';
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
 * A console page to land on (`keyport console --destination`): only the partition's own console
 * domain, over https, so the sign-in link can never send the person elsewhere.
 */
export function consoleDestination(partition: Partition, raw: string): string {
  const domain = partitionEndpoints[partition]?.consoleDomain;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CredentialInputError({ field: 'destination', message: 'must be an https URL of the AWS console' });
  }
  if (!domain || url.protocol !== 'https:' || url.username || url.password || url.port || !(url.hostname === domain || url.hostname.endsWith(`.${domain}`))) {
    throw new CredentialInputError({ field: 'destination', message: `must be an https URL on ${domain ?? 'the AWS console'}` });
  }
  return url.toString();
}

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
  destination: destinationOverride,
}: {
  partition: Partition;
  signinToken: string;
  region: string;
  issuer: string;
  federationEndpoint?: string | undefined;
  /** Where to land instead of the regional console home: an https URL on the partition's console domain. */
  destination?: string | undefined;
}): string {
  const url = resolveFederationEndpoint({ partition, federationEndpoint });
  const destination = destinationOverride ? consoleDestination(partition, destinationOverride) : consoleHomeUrl({ partition, region });
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
