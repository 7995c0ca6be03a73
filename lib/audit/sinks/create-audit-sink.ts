// The sinks themselves: each takes a batch of records in chain order and resolves only once the
// destination has them (the file synced to disk, the collector's 2xx, the socket's write
// acknowledged), so the delivery cursor moves past nothing that was lost. Errors name what failed
// — a status code, a socket error — never a header value or a record.
import { once } from 'node:events';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { SinkConfig } from '@/lib/config/audit-settings';
import { elasticBulkBody, elasticBulkProblem, jsonLines, splunkHecBody, syslogFrame, webhookBody, type AuditSinkRecord } from './sink-record';

export interface AuditSink {
  /** The cursor's name: one per kind of sink. */
  readonly name: string;
  /** Most records one send takes. */
  readonly batch: number;
  send(records: readonly AuditSinkRecord[]): Promise<void>;
  close(): Promise<void>;
}

export class SinkError extends Error {
  override name = 'SinkError';
}

function stdoutSink(): AuditSink {
  return {
    name: 'stdout',
    batch: 500,
    async send(records) {
      const text = jsonLines(records);
      await new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
    },
    async close() {},
  };
}

/** JSON Lines appended to a file, synced before a batch counts; rotated past maxBytes (path.1 … path.keep). */
function fileSink(c: Extract<SinkConfig, { kind: 'file' }>): AuditSink {
  let handle: FileHandle | null = null;
  let size = 0;
  const openFile = async () => {
    await mkdir(path.dirname(c.path), { recursive: true });
    handle = await open(c.path, 'a', 0o600);
    size = (await stat(c.path)).size;
    return handle;
  };
  const rotate = async () => {
    await handle?.close();
    handle = null;
    await rm(`${c.path}.${c.keep}`, { force: true });
    for (let i = c.keep - 1; i >= 1; i--) await rename(`${c.path}.${i}`, `${c.path}.${i + 1}`).catch(() => undefined);
    await rename(c.path, `${c.path}.1`);
  };
  return {
    name: 'file',
    batch: 1000,
    async send(records) {
      const data = Buffer.from(jsonLines(records), 'utf8');
      let h = handle ?? (await openFile());
      if (size > 0 && size + data.length > c.maxBytes) {
        await rotate();
        h = await openFile();
      }
      await h.write(data);
      await h.datasync();
      size += data.length;
    },
    async close() {
      await handle?.close();
      handle = null;
    },
  };
}

/** HTTP(S) POST of a batch to a collector: a generic webhook, Splunk HEC or Elastic _bulk. */
function httpSink(c: Extract<SinkConfig, { kind: 'http' }>): AuditSink {
  const format = c.preset === 'splunk' ? splunkHecBody : c.preset === 'elastic' ? elasticBulkBody : webhookBody;
  return {
    name: 'http',
    batch: c.batch,
    async send(records) {
      const { contentType, body } = format(records);
      const headers: Record<string, string> = { 'content-type': contentType, 'user-agent': 'keyport-audit' };
      if (c.authHeader) headers[c.authHeader.name.toLowerCase()] = c.authHeader.value;
      let res: Response;
      try {
        res = await fetch(c.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(c.timeoutMs), redirect: 'error' });
      } catch (e) {
        const cause = (e as { cause?: { code?: string } }).cause?.code;
        throw new SinkError(`the collector could not be reached (${cause ?? (e instanceof Error ? e.name : 'error')})`);
      }
      const text = await res.text().catch(() => '');
      if (!res.ok) throw new SinkError(`the collector answered ${res.status}`);
      if (c.preset === 'elastic') {
        let answer: unknown = null;
        try {
          answer = JSON.parse(text);
        } catch {
          /* reported below */
        }
        const problem = elasticBulkProblem(answer);
        if (problem) throw new SinkError(`Elastic: ${problem}`);
      }
    },
    async close() {},
  };
}

/** RFC 5424 messages over TCP or TLS (RFC 5425), octet-counted; one connection, reopened on error. */
function syslogSink(c: Extract<SinkConfig, { kind: 'syslog' }>): AuditSink {
  const u = new URL(c.url);
  const host = u.hostname;
  const port = Number(u.port);
  let socket: net.Socket | null = null;
  const connect = async (): Promise<net.Socket> => {
    const s = u.protocol === 'tls:' ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
    s.setTimeout(30_000, () => s.destroy(new Error('timeout')));
    s.on('error', () => undefined);
    s.once('close', () => {
      if (socket === s) socket = null;
    });
    await once(s, u.protocol === 'tls:' ? 'secureConnect' : 'connect');
    return s;
  };
  return {
    name: 'syslog',
    batch: 500,
    async send(records) {
      try {
        socket ??= await connect();
        const s = socket;
        const frames = Buffer.concat(records.map((r) => syslogFrame(r, os.hostname(), String(process.pid))));
        await new Promise<void>((resolve, reject) => s.write(frames, (e) => (e ? reject(e) : resolve())));
      } catch (e) {
        socket?.destroy();
        socket = null;
        throw new SinkError(`syslog ${u.protocol.replace(':', '')}://${host}:${port}: ${(e as { code?: string }).code ?? (e instanceof Error ? e.message : 'error')}`);
      }
    },
    async close() {
      socket?.end();
      socket = null;
    },
  };
}

export function createAuditSink(c: SinkConfig): AuditSink {
  switch (c.kind) {
    case 'stdout':
      return stdoutSink();
    case 'file':
      return fileSink(c);
    case 'http':
      return httpSink(c);
    case 'syslog':
      return syslogSink(c);
  }
}
