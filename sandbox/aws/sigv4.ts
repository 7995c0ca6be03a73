// AWS Signature Version 4, server side: parse the Authorization header (or a presigned query),
// rebuild the canonical request from the bytes received and recompute the signature with the
// stored secret. Pure: the caller looks up keys and decides what a failure means.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AwsError, incompleteSignature, signatureDoesNotMatch } from './errors';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** AWS accepts a request time up to 15 minutes away from its own clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

export interface HttpRequestParts {
  method: string;
  /** The raw path as received, without the query string. */
  path: string;
  /** The raw query string as received, without the leading `?`. */
  query: string;
  /** Header name/value pairs as received (Node's `rawHeaders`, paired). */
  headers: ReadonlyArray<readonly [string, string]>;
  body: Buffer;
}

export interface SigV4Auth {
  source: 'header' | 'query';
  accessKeyId: string;
  /** yyyymmdd of the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** The request time, ISO-8601 basic (20150830T123600Z). */
  amzDate: string;
  /** For presigned requests: X-Amz-Expires seconds. */
  expiresSeconds?: number;
  securityToken?: string;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ is %XX (upper hex). */
export function uriEncode(text: string, keepSlash = false): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch) || (keepSlash && ch === '/')) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function headerValues(headers: HttpRequestParts['headers'], name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter(([k]) => k.toLowerCase() === lower).map(([, v]) => v);
}

export function headerValue(headers: HttpRequestParts['headers'], name: string): string | undefined {
  const values = headerValues(headers, name);
  return values.length === 0 ? undefined : values.join(',');
}

/** Non-S3 services: remove `.`/`..`/empty segments, then URI-encode the (already encoded) path. */
export function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `/${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return uriEncode(normalized, true);
}

export function canonicalQuery(query: string, exclude: ReadonlySet<string> = new Set()): string {
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : safeDecode(part.slice(eq + 1));
    if (exclude.has(key)) continue;
    pairs.push([uriEncode(key), uriEncode(value)]);
  }
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

export function canonicalHeaders(headers: HttpRequestParts['headers'], signedHeaders: readonly string[]): string {
  return signedHeaders
    .map((name) => {
      const value = headerValues(headers, name)
        .map((v) => v.trim().replace(/\s+/g, ' '))
        .join(',');
      return `${name}:${value}\n`;
    })
    .join('');
}

export function canonicalRequest(
  req: HttpRequestParts,
  signedHeaders: readonly string[],
  payloadHash: string,
  excludeQuery: ReadonlySet<string> = new Set(),
): string {
  return [
    req.method.toUpperCase(),
    canonicalUri(req.path),
    canonicalQuery(req.query, excludeQuery),
    canonicalHeaders(req.headers, signedHeaders),
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

export function credentialScope(date: string, region: string, service: string): string {
  return `${date}/${region}/${service}/aws4_request`;
}

export function stringToSign(amzDate: string, scope: string, canonicalRequestText: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequestText)].join('\n');
}

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${secret}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

export function signString(secret: string, date: string, region: string, service: string, text: string): string {
  return createHmac('sha256', signingKey(secret, date, region, service)).update(text, 'utf8').digest('hex');
}

/** ISO-8601 basic, as X-Amz-Date carries it. */
export function toAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function parseQueryParams(query: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    out.set(safeDecode(eq === -1 ? part : part.slice(0, eq)), eq === -1 ? '' : safeDecode(part.slice(eq + 1)));
  }
  return out;
}

function parseCredential(credential: string): Pick<SigV4Auth, 'accessKeyId' | 'scopeDate' | 'region' | 'service'> {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') {
    throw incompleteSignature(
      `Credential should be scoped to a valid region. Authorization header requires 'Credential' parameter in the form <AccessKeyId>/<Date>/<Region>/<Service>/aws4_request.`,
    );
  }
  const [accessKeyId = '', scopeDate = '', region = '', service = ''] = parts;
  return { accessKeyId, scopeDate, region, service };
}

/**
 * Reads the SigV4 authentication info of a request. Returns undefined when the request carries
 * none at all (an anonymous request); throws IncompleteSignature when it is malformed.
 */
export function parseSigV4(req: HttpRequestParts): SigV4Auth | undefined {
  const authorization = headerValue(req.headers, 'authorization');
  if (authorization !== undefined) {
    const space = authorization.indexOf(' ');
    const algorithm = space === -1 ? authorization : authorization.slice(0, space);
    if (algorithm !== ALGORITHM) {
      throw incompleteSignature(`Unsupported AWS 'algorithm': '${algorithm}'`);
    }
    const fields = new Map<string, string>();
    for (const item of authorization.slice(space + 1).split(',')) {
      const eq = item.indexOf('=');
      if (eq !== -1) fields.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim());
    }
    const missing = ['Credential', 'Signature', 'SignedHeaders']
      .filter((k) => !fields.get(k))
      .map((k) => `Authorization header requires '${k}' parameter.`);
    const amzDateHeader = headerValue(req.headers, 'x-amz-date');
    const dateHeader = headerValue(req.headers, 'date');
    if (amzDateHeader === undefined && dateHeader === undefined) {
      missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    if (missing.length > 0) throw incompleteSignature(`${missing.join(' ')} Authorization=${algorithm}`);
    let amzDate: string;
    if (amzDateHeader !== undefined) {
      amzDate = amzDateHeader.trim();
    } else {
      const parsed = new Date(dateHeader ?? '');
      if (Number.isNaN(parsed.getTime())) throw incompleteSignature(`Date must be in ISO-8601 'basic format'. Got '${dateHeader ?? ''}'.`);
      amzDate = toAmzDate(parsed);
    }
    const signedHeaders = (fields.get('SignedHeaders') ?? '').split(';').filter((h) => h !== '');
    const token = headerValue(req.headers, 'x-amz-security-token');
    return {
      source: 'header',
      ...parseCredential(fields.get('Credential') ?? ''),
      signedHeaders,
      signature: fields.get('Signature') ?? '',
      amzDate,
      ...(token === undefined ? {} : { securityToken: token }),
    };
  }
  const params = parseQueryParams(req.query);
  const algorithm = params.get('X-Amz-Algorithm');
  if (algorithm === undefined) return undefined;
  if (algorithm !== ALGORITHM) throw incompleteSignature(`Unsupported AWS 'algorithm': '${algorithm}'`);
  const missing = ['X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date']
    .filter((k) => !params.get(k))
    .map((k) => `AWS query-string parameters must include '${k}'.`);
  if (missing.length > 0) throw incompleteSignature(`${missing.join(' ')} Re-examine the query-string parameters.`);
  const expires = params.get('X-Amz-Expires');
  const token = params.get('X-Amz-Security-Token');
  return {
    source: 'query',
    ...parseCredential(params.get('X-Amz-Credential') ?? ''),
    signedHeaders: (params.get('X-Amz-SignedHeaders') ?? '').split(';').filter((h) => h !== ''),
    signature: params.get('X-Amz-Signature') ?? '',
    amzDate: params.get('X-Amz-Date') ?? '',
    ...(expires === undefined ? {} : { expiresSeconds: Number(expires) }),
    ...(token === undefined ? {} : { securityToken: token }),
  };
}

/**
 * Checks the request time against the server clock and the scope date against the request time.
 * Returns the AwsError AWS would answer, or undefined when the time is acceptable.
 */
export function checkRequestTime(auth: SigV4Auth, now: Date): AwsError | undefined {
  const requestTime = parseAmzDate(auth.amzDate);
  if (requestTime === undefined) {
    return incompleteSignature(`Date must be in ISO-8601 'basic format'. Got '${auth.amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  if (auth.scopeDate !== auth.amzDate.slice(0, 8)) {
    return signatureDoesNotMatch(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${auth.amzDate.slice(0, 8)}', from '${auth.amzDate}'.`,
    );
  }
  if (auth.source === 'query') {
    const expires = auth.expiresSeconds ?? 0;
    if (!Number.isInteger(expires) || expires < 1 || expires > 604800) {
      return new AwsError('AuthorizationQueryParametersError', 'X-Amz-Expires must be between 1 and 604800 seconds', 400);
    }
    const expiry = requestTime.getTime() + expires * 1000;
    if (now.getTime() > expiry) {
      return signatureDoesNotMatch(
        `Signature expired: ${auth.amzDate} is now earlier than ${toAmzDate(new Date(now.getTime() - expires * 1000))} (${toAmzDate(now)} - ${expires} sec.)`,
      );
    }
  }
  const earliest = new Date(now.getTime() - MAX_SKEW_MS);
  const latest = new Date(now.getTime() + MAX_SKEW_MS);
  if (auth.source === 'header' && requestTime < earliest) {
    return signatureDoesNotMatch(
      `Signature expired: ${auth.amzDate} is now earlier than ${toAmzDate(earliest)} (${toAmzDate(now)} - 15 min.)`,
    );
  }
  if (requestTime > latest) {
    return signatureDoesNotMatch(
      `Signature not yet current: ${auth.amzDate} is still later than ${toAmzDate(latest)} (${toAmzDate(now)} + 15 min.)`,
    );
  }
  return undefined;
}

/** Recomputes the signature with `secret` and compares it in constant time. */
export function verifySignature(req: HttpRequestParts, auth: SigV4Auth, secret: string): boolean {
  const scope = credentialScope(auth.scopeDate, auth.region, auth.service);
  const exclude = auth.source === 'query' ? new Set(['X-Amz-Signature']) : new Set<string>();
  // Presigned URLs are signed with UNSIGNED-PAYLOAD by botocore and the SDKs; header-signed
  // requests with the hash of the body actually received.
  const payloadHashes = auth.source === 'query' ? [UNSIGNED_PAYLOAD, sha256Hex(req.body)] : [sha256Hex(req.body)];
  const provided = Buffer.from(auth.signature.toLowerCase(), 'utf8');
  let matched = false;
  for (const payloadHash of payloadHashes) {
    const text = stringToSign(auth.amzDate, scope, canonicalRequest(req, auth.signedHeaders, payloadHash, exclude));
    const expected = Buffer.from(signString(secret, auth.scopeDate, auth.region, auth.service, text), 'utf8');
    if (expected.length === provided.length && timingSafeEqual(expected, provided)) matched = true;
  }
  return matched;
}

export interface SignOptions {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
  service: string;
  date: Date;
}

/** Client-side signing (header form), for tests and tools that talk to the sandbox without an SDK. */
export function signRequest(opts: SignOptions): Record<string, string> {
  const amzDate = toAmzDate(opts.date);
  const headers: Record<string, string> = { ...opts.headers, host: opts.url.host, 'x-amz-date': amzDate };
  if (opts.sessionToken !== undefined) headers['x-amz-security-token'] = opts.sessionToken;
  const pairs = Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v] as const);
  const signedHeaders = [...new Set(pairs.map(([k]) => k))].sort();
  const req: HttpRequestParts = {
    method: opts.method,
    path: opts.url.pathname,
    query: opts.url.search.replace(/^\?/, ''),
    headers: pairs,
    body: Buffer.from(opts.body, 'utf8'),
  };
  const scopeDate = amzDate.slice(0, 8);
  const scope = credentialScope(scopeDate, opts.region, opts.service);
  const text = stringToSign(amzDate, scope, canonicalRequest(req, signedHeaders, sha256Hex(req.body)));
  const signature = signString(opts.secretAccessKey, scopeDate, opts.region, opts.service, text);
  return {
    ...headers,
    authorization: `${ALGORITHM} Credential=${opts.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
  };
}
