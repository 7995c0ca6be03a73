// Shared by the sandbox IdPs: an HTTP error a page can show, and a bounded form-body reader.
import type { IncomingMessage } from 'node:http';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads an urlencoded form of at most `maxBytes` (413 beyond); optionally insists on its content type (415). */
export async function readForm(req: IncomingMessage, opts: { maxBytes: number; requireFormType?: boolean }): Promise<URLSearchParams> {
  if (opts.requireFormType) {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      throw new HttpError(415, 'Unsupported form', 'Send the form as application/x-www-form-urlencoded.');
    }
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > opts.maxBytes) throw new HttpError(413, 'Form too large', 'The form is too large.');
    chunks.push(buf);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
