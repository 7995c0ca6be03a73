// A local audit collector for the sink tests and the benchmark: an HTTP server that takes what
// Keyport's HTTP sink posts (generic webhook, Splunk HEC or Elastic _bulk bodies), keeps every
// record in arrival order, and answers as the test tells it to (accept, refuse, or hold a request
// open so the sender can be killed mid-delivery).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CollectedRecord {
  eventId: string;
  seq: string;
  type: string;
  occurredAt: string;
  receivedAt: number;
}

export type CollectorAnswer = 'accept' | 'refuse' | 'hold';

export interface AuditCollector {
  url: string;
  /** Every record received, in arrival order (repeats included). */
  records: CollectedRecord[];
  requests: number;
  refused: number;
  headers: http.IncomingHttpHeaders[];
  /** Decides the answer to each request (default: accept). */
  answer: (requestNumber: number) => CollectorAnswer;
  /** Resolves when a request is held open. */
  held: Promise<void>;
  close(): Promise<void>;
}

function recordsOf(body: string, contentType: string): Omit<CollectedRecord, 'receivedAt'>[] {
  const take = (o: Record<string, unknown>) => ({ eventId: String(o.eventId), seq: String(o.seq), type: String(o.type), occurredAt: String(o.occurredAt) });
  if (contentType.includes('ndjson')) {
    // Elastic _bulk: action line, then document.
    return body
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((o) => !('create' in o))
      .map(take);
  }
  const trimmed = body.trim();
  if (trimmed.startsWith('{"source":"keyport","events"')) return ((JSON.parse(trimmed) as { events: Record<string, unknown>[] }).events ?? []).map(take);
  // Splunk HEC: concatenated envelopes, one a line.
  return trimmed
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { event: Record<string, unknown> }).event)
    .map(take);
}

export async function startAuditCollector(opts: { port?: number; elastic?: boolean } = {}): Promise<AuditCollector> {
  let heldResolve: () => void = () => undefined;
  const c: AuditCollector = {
    url: '',
    records: [],
    requests: 0,
    refused: 0,
    headers: [],
    answer: () => 'accept',
    held: new Promise<void>((r) => {
      heldResolve = r;
    }),
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      c.requests++;
      c.headers.push(req.headers);
      const answer = c.answer(c.requests);
      if (answer === 'refuse') {
        c.refused++;
        res.writeHead(503).end('busy');
        return;
      }
      if (answer === 'hold') {
        heldResolve();
        return; // never answered: the sender is killed while it waits
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const got = recordsOf(body, String(req.headers['content-type'] ?? ''));
      const now = Date.now();
      const fresh = got.map((r) => ({ ...r, receivedAt: now }));
      const seen = new Set(c.records.map((r) => r.eventId));
      c.records.push(...fresh);
      if (opts.elastic) {
        const items = got.map((r) => ({ create: seen.has(r.eventId) ? { status: 409, error: { type: 'version_conflict_engine_exception' } } : { status: 201 } }));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: items.some((i) => i.create.status === 409), items }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"Success","code":0}');
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  c.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/collect`;
  c.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return c;
}

/** Each seq's first arrival, in arrival order: what a receiver that drops repeats keeps. */
export function firstArrivals(records: readonly CollectedRecord[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of records) {
    if (seen.has(r.eventId)) continue;
    seen.add(r.eventId);
    out.push(r.seq);
  }
  return out;
}
