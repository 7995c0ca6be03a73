// A JSON answer as plain data, so one route answers the same through Next.js (as a web Response)
// and through Keyport's server entry directly (written to Node's response, with the static
// headers next.config.js would add). Response.json's bytes: JSON.stringify, application/json.
import type { ServerResponse } from 'node:http';
import { API_CSP, SECURITY_HEADERS } from './static-headers.js';

export interface JsonReply {
  readonly kind: 'json-reply';
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export function jsonReply(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): JsonReply {
  return { kind: 'json-reply', status: init.status ?? 200, headers: { ...init.headers }, body };
}

export function isJsonReply(v: unknown): v is JsonReply {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'json-reply';
}

export function replyToResponse(r: JsonReply): Response {
  return Response.json(r.body, { status: r.status, headers: r.headers });
}

/**
 * Sends an answer on Node's response as Next.js would have sent it for an /api/ route: the static
 * security headers and the APIs' deny-all CSP (next.config.js `headers()`), then the answer's own.
 */
function send(res: ServerResponse, status: number, headers: Iterable<[string, string]>, payload: Buffer): void {
  res.statusCode = status;
  res.setHeader('Content-Security-Policy', API_CSP);
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  for (const [name, value] of headers) res.setHeader(name, value);
  res.setHeader('content-length', payload.byteLength);
  res.end(payload);
}

export function writeReply(res: ServerResponse, r: JsonReply): void {
  send(res, r.status, [['content-type', 'application/json'], ...Object.entries(r.headers)], Buffer.from(JSON.stringify(r.body) ?? 'null', 'utf8'));
}

/** The same for a web Response a route built itself (its body read whole: API answers are small). */
export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  send(res, response.status, response.headers, Buffer.from(await response.arrayBuffer()));
}
