// What an API route reads of its request, whichever server hands it over: Next.js (a web
// `Request`) or Keyport's server entry directly (Node's `IncomingMessage`, lib/http/direct-routes.ts).
// Both adapters answer the same questions the same way, so a route behaves identically on either path
// (e2e/deploy/direct-routes.spec.ts sends the same requests through both and compares).
import type { IncomingMessage } from 'node:http';
import { readBodyLimited, readNodeBodyLimited } from './read-body';

/** The part of `Headers` routes use. Node's adapter joins repeated headers as `Headers` does. */
export interface HeaderReader {
  get(name: string): string | null;
}

export interface ApiRequest {
  method: string;
  /** Absolute, as Next.js builds it: `http(s)://localhost:<port><path>` (protocol from X-Forwarded-Proto). */
  url: string;
  headers: HeaderReader;
  /** The body up to `maxBytes` (the declared Content-Length first, then the bytes as they come), or null when larger. */
  readBody(maxBytes: number): Promise<Buffer | null>;
}

export function webApiRequest(request: Request): ApiRequest {
  return { method: request.method, url: request.url, headers: request.headers, readBody: (max) => readBodyLimited(request, max) };
}

/**
 * Node's request as Next.js would present it. `port` is the server's own: Next.js's request URL
 * is `<protocol>://localhost:<port><path>`, where the protocol is https only when
 * X-Forwarded-Proto says so (next-server.js `attachRequestMeta`), and sameOrigin() accepts that
 * origin beside PUBLIC_URL's.
 */
export function nodeApiRequest(req: IncomingMessage, port: number): ApiRequest {
  const proto = String(req.headers['x-forwarded-proto'] ?? '').includes('https') ? 'https' : 'http';
  return {
    method: req.method ?? 'GET',
    url: `${proto}://localhost:${port}${req.url ?? '/'}`,
    headers: nodeHeaders(req),
    readBody: (max) => readNodeBodyLimited(req, max),
  };
}

function nodeHeaders(req: IncomingMessage): HeaderReader {
  return {
    get(name) {
      const v = req.headers[name.toLowerCase()];
      if (v === undefined) return null;
      return Array.isArray(v) ? v.join(', ') : v;
    },
  };
}
