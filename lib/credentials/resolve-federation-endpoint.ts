import { CredentialInputError } from './credential-input-error';
import { partitionEndpoints } from './partition-endpoints';
import type { Partition } from './types';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The federation endpoint URL for a partition, or the override (the sandbox's local console
 * federation). The override is a URL such as `http://127.0.0.1:4599/federation`; a bare origin gets
 * the `/federation` path. The getSigninToken URL carries the secret key and session token in its
 * query, so an override must be https, or plain http only to a loopback host, and may not carry
 * its own user info, query or fragment.
 */
export function resolveFederationEndpoint({
  partition,
  federationEndpoint,
}: {
  partition: Partition;
  federationEndpoint?: string | undefined;
}): URL {
  const endpoints = partitionEndpoints[partition];
  if (!endpoints) throw new CredentialInputError({ field: 'partition', message: 'must be aws, aws-cn or aws-us-gov' });
  if (federationEndpoint === undefined) return new URL(endpoints.federation);

  let url: URL;
  try {
    url = new URL(federationEndpoint);
  } catch {
    throw new CredentialInputError({ field: 'federationEndpoint', message: 'must be an absolute URL' });
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || url.hostname.endsWith('.localhost');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new CredentialInputError({
      field: 'federationEndpoint',
      message: 'must use https (plain http is allowed only for localhost)',
    });
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new CredentialInputError({
      field: 'federationEndpoint',
      message: 'must not contain user info, a query or a fragment',
    });
  }
  if (url.pathname === '/') url.pathname = '/federation';
  return url;
}
