// Reads a request body up to a size limit, before anything parses it: the declared
// Content-Length is checked first, then the bytes as they stream in (a client may send more than
// it declared, or no length at all). Null when the body is over the limit.
import type { IncomingMessage } from 'node:http';

function declaredTooLarge(contentLength: string | null | undefined, maxBytes: number): boolean {
  const declared = Number(contentLength ?? '0');
  return Number.isFinite(declared) && declared > maxBytes;
}

export async function readBodyLimited(request: Request, maxBytes: number): Promise<Buffer | null> {
  if (declaredTooLarge(request.headers.get('content-length'), maxBytes)) return null;
  const reader = request.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The same for Node's request; what is over the limit is left unread (Node discards it after the answer). */
export function readNodeBodyLimited(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  if (declaredTooLarge(req.headers['content-length'], maxBytes)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        cleanup();
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    const onAborted = () => onError(new Error('the client closed the request before its body arrived'));
    function cleanup() {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}
