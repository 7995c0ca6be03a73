// Turns the byte stream of `COPY (SELECT head, details, tail …) TO STDOUT (FORMAT binary)` into the
// export's own bytes: for each row, head, then the details cell finished in JavaScript, then tail.
// Head and tail are copied as PostgreSQL sent them (already formatted in SQL, export-sql.ts); no
// row becomes an object. Output goes out in chunks of about `chunkBytes`. Pure apart from Buffer.
//
// The binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"):
// an 11-byte signature, a 32-bit flags field and a 32-bit header-extension length (plus that many
// bytes); then per row a 16-bit field count and, per field, a 32-bit length (-1 for NULL) and the
// bytes (for text, its UTF-8 bytes); a field count of -1 ends the data. All integers big-endian.
import { Transform, type TransformCallback } from 'node:stream';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

export class CopyBinaryLines extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private headerRead = false;
  private ended = false;
  private out: Buffer;
  private used = 0;
  rows = 0;

  constructor(
    private readonly finishDetails: (jsonbText: string | null) => string,
    private readonly chunkBytes = 64 * 1024,
  ) {
    super();
    this.out = Buffer.allocUnsafe(chunkBytes);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
      this.pending = this.pending.subarray(this.consume(this.pending));
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (!this.ended || this.pending.length > 0) return done(new Error('the COPY data ended in the middle of a row'));
    this.flushOut();
    done();
  }

  /** Reads every complete row of `b`; returns how many bytes it used. */
  private consume(b: Buffer): number {
    let at = 0;
    if (!this.headerRead) {
      if (b.length < 19) return 0;
      if (!b.subarray(0, 11).equals(SIGNATURE)) throw new Error('not COPY binary data');
      const ext = b.readInt32BE(15);
      if (b.length < 19 + ext) return 0;
      at = 19 + ext;
      this.headerRead = true;
    }
    for (;;) {
      if (this.ended) return b.length;
      if (b.length - at < 2) return at;
      const fields = b.readInt16BE(at);
      if (fields === -1) {
        this.ended = true;
        return b.length;
      }
      if (fields !== 3) throw new Error(`expected 3 fields per COPY row, got ${fields}`);
      // The row is complete only when all three fields are.
      let p = at + 2;
      const spans: [number, number][] = [];
      for (let i = 0; i < 3; i++) {
        if (b.length - p < 4) return at;
        const len = b.readInt32BE(p);
        p += 4;
        if (len === -1) {
          spans.push([-1, -1]);
          continue;
        }
        if (b.length - p < len) return at;
        spans.push([p, p + len]);
        p += len;
      }
      const [head, details, tail] = spans as [[number, number], [number, number], [number, number]];
      this.put(b, head);
      this.putText(this.finishDetails(details[0] === -1 ? null : b.toString('utf8', details[0], details[1])));
      this.put(b, tail);
      this.rows++;
      at = p;
    }
  }

  private room(n: number): void {
    if (this.used + n > this.out.length) {
      this.flushOut();
      if (n > this.out.length) this.out = Buffer.allocUnsafe(n);
    }
  }

  private put(b: Buffer, [from, to]: [number, number]): void {
    if (from === -1) return;
    this.room(to - from);
    this.used += b.copy(this.out, this.used, from, to);
  }

  private putText(s: string): void {
    this.room(Buffer.byteLength(s));
    this.used += this.out.write(s, this.used, 'utf8');
  }

  private flushOut(): void {
    if (this.used === 0) return;
    // A copy the consumer may keep; the working buffer is reused.
    this.push(Buffer.from(this.out.subarray(0, this.used)));
    this.used = 0;
  }
}
