// Credentials for one role: from the cache while more than 15 minutes remain, else issued by
// Keyport (POST /api/cli/credentials, audited with channel cli) and cached.
import { CliError } from './errors.js';
import { cacheEntry, readCached, writeCached } from './credential-cache.js';

/** @typedef {import('./credential-cache.js').CachedCredentials} CachedCredentials */
/** @typedef {{ role: string; durationSeconds?: number | undefined; region?: string | undefined }} RoleRequest */

/** @param {import('./api.js').ApiContext} ctx @param {RoleRequest} req @returns {Promise<CachedCredentials>} */
export async function roleCredentials(ctx, req) {
  const entry = cacheEntry(ctx.url, req);
  const cached = readCached(ctx.store, entry);
  if (cached) return cached;
  return issueAndCache(ctx, req, entry);
}

/** @param {import('./api.js').ApiContext} ctx @param {RoleRequest} req @param {import('./credential-cache.js').CacheEntry} entry @returns {Promise<CachedCredentials>} */
async function issueAndCache(ctx, req, entry) {
  /** @type {any} */
  let body;
  try {
    // Loaded only on a cache miss: the warm path needs no HTTP client.
    const { api } = await import('./api.js');
    body = await api(ctx, '/api/cli/credentials', {
      method: 'POST',
      body: { role: req.role, ...(req.durationSeconds === undefined ? {} : { durationSeconds: req.durationSeconds }), ...(req.region === undefined ? {} : { region: req.region }) },
    });
  } catch (e) {
    // SAML passthrough: a fresh assertion from the IdP, through the browser (saml-loopback.js).
    if (!(e instanceof CliError) || e.reason !== 'browser_required') throw e;
    body = await (await import('./saml-loopback.js')).issueThroughBrowser(ctx, req);
  }
  /** @type {CachedCredentials} */
  const c = {
    accessKeyId: body.credentials.accessKeyId,
    secretAccessKey: body.credentials.secretAccessKey,
    sessionToken: body.credentials.sessionToken,
    expiration: body.credentials.expiration,
    region: body.region,
    assumedRoleArn: body.assumedRoleArn,
    roleArn: body.roleArn,
  };
  writeCached(ctx.store, entry, c);
  if (body.notice) process.stderr.write(`keyport: ${body.notice}\n`);
  return c;
}

/** The shape the shared formatter takes. @param {CachedCredentials} c */
export function temporaryCredentials(c) {
  return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: new Date(c.expiration) };
}
