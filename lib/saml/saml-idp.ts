import 'server-only';
// The configured SAML IdP, resolved once per process: from its metadata (a URL fetched at
// start-up and cached, or a file) or from the settings given by hand.
import { readFile } from 'node:fs/promises';
import { getConfig } from '@/lib/config';
import type { SamlIdpSource } from '@/lib/config/schema';
import { parseIdpMetadata, type IdpDescriptor } from './parse-idp-metadata';

let cached: Promise<IdpDescriptor> | undefined;

export async function resolveIdp(source: SamlIdpSource): Promise<IdpDescriptor> {
  if (source.kind === 'manual') return { entityId: source.entityId, ssoUrl: source.ssoUrl, certs: source.certs };
  let xml: string;
  if (source.metadataUrl) {
    const res = await fetch(source.metadataUrl, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`SAML IdP metadata ${source.metadataUrl} answered HTTP ${res.status}`);
    xml = await res.text();
  } else {
    // A file an operator names at run time; keep the bundler from tracing the whole project for it.
    xml = await readFile(/*turbopackIgnore: true*/ source.metadataFile ?? '', 'utf8');
  }
  return parseIdpMetadata(xml);
}

export function samlIdp(): Promise<IdpDescriptor> {
  const cfg = getConfig();
  if (!cfg.saml) return Promise.reject(new Error('SAML is not configured'));
  cached ??= resolveIdp(cfg.saml.idp).catch((e: unknown) => {
    // A failed fetch is retried on the next use rather than cached.
    cached = undefined;
    throw e;
  });
  return cached;
}
