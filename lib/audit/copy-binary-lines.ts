// Turns the byte stream of `COPY (SELECT …) TO STDOUT (FORMAT binary)` (export-sql.ts) into the
// export's own bytes, row by row, without making a row into an object:
// - `csv`: one field per export column; each is written by csvCell's rules (lib/audit/csv.ts)
//   applied to its UTF-8 bytes — `text` cells neutralised (an apostrophe before = + - @, tab or
//   CR first) and quoted with doubled quotes when they hold " , CR or LF; `raw` cells copied;
//   the details cell finished in JavaScript; commas between, CRLF after;
// - `lines`: three fields, the line before the details value, the details, the rest (PostgreSQL
//   formatted both ends); only the details is finished here.
// The details is the jsonb text, finished by `finishDetails` (JSON.stringify's compact form).
// Output goes out in chunks of about `chunkBytes`. Pure apart from Buffer.
//
// Byte rules equal csvCell's string rules because every character they test is ASCII: in UTF-8 an
// ASCII byte never occurs inside another character, and a non-ASCII first character never starts
// with one of the formula bytes.
//
// The binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"):
// an 11-byte signature, a 32-bit flags field and a 32-bit header-extension length (plus that many
// bytes); then per row a 16-bit field count and, per field, a 32-bit length (-1 for NULL) and the
// bytes (for text, its UTF-8 bytes); a field count of -1 ends the data. All integers big-endian.
import { Transform, type TransformCallback } from 'node:stream';
import type { CsvCellKind } from './export-sql';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
/** = + - @ TAB CR: a cell starting with one is a formula to a spreadsheet (csv.ts FORMULA_START). */
const FORMULA_FIRST = new Uint8Array(256);
for (const c of [0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]) FORMULA_FIRST[c] = 1;
/** " , CR LF: a cell holding one is quoted (csv.ts csvCell). */
const NEEDS_QUOTES = new Uint8Array(256);
for (const c of [QUOTE, COMMA, CR, LF]) NEEDS_QUOTES[c] = 1;

export type CopyLayout = { kind: 'csv'; cells: readonly CsvCellKind[] } | { kind: 'lines' };

export class CopyBinaryLines extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private headerRead = false;
  private ended = false;
  private out: Buffer;
  private used = 0;
  private readonly fields: number;
  /** Start and end of each field of the current row; -1 for NULL. */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  rows = 0;

  constructor(
    private readonly layout: CopyLayout,
    private readonly finishDetails: (jsonbText: string | null) => string,
    private readonly chunkBytes = 64 * 1024,
  ) {
    super();
    this.out = Buffer.allocUnsafe(chunkBytes);
    this.fields = layout.kind === 'csv' ? layout.cells.length : 3;
    this.starts = new Int32Array(this.fields);
    this.ends = new Int32Array(this.fields);
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
      if (fields !== this.fields) throw new Error(`expected ${this.fields} fields per COPY row, got ${fields}`);
      // The row is written only once all its fields are here.
      let p = at + 2;
      for (let i = 0; i < fields; i++) {
        if (b.length - p < 4) return at;
        const len = b.readInt32BE(p);
        p += 4;
        if (len === -1) {
          this.starts[i] = -1;
          this.ends[i] = -1;
          continue;
        }
        if (b.length - p < len) return at;
        this.starts[i] = p;
        this.ends[i] = p + len;
        p += len;
      }
      if (this.layout.kind === 'csv') this.csvRow(b, this.layout.cells);
      else this.linesRow(b);
      this.rows++;
      at = p;
    }
  }

  private details(b: Buffer, i: number): string {
    const from = this.starts[i] as number;
    return this.finishDetails(from === -1 ? null : b.toString('utf8', from, this.ends[i]));
  }

  private linesRow(b: Buffer): void {
    this.copy(b, 0);
    this.text(this.details(b, 1));
    this.copy(b, 2);
  }

  private csvRow(b: Buffer, cells: readonly CsvCellKind[]): void {
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) this.byte(COMMA);
      const kind = cells[i];
      if (kind === 'text') this.csvText(b, i);
      else if (kind === 'raw') this.copy(b, i);
      else if (kind === 'time') this.isoTime(b, i);
      else this.text(this.details(b, i));
    }
    this.room(2);
    this.out[this.used++] = CR;
    this.out[this.used++] = LF;
  }

  /**
   * csvCell of a text field, on its bytes. Most cells need no quotes, so the bytes are copied while
   * being looked at, and only a cell found to need them is written again, quoted.
   */
  private csvText(b: Buffer, i: number): void {
    const from = this.starts[i] as number;
    const to = this.ends[i] as number;
    if (from === -1 || from === to) return; // NULL and '' are both an empty cell
    const neutralise = FORMULA_FIRST[b[from] as number] === 1;
    // Worst case: every byte a quote (doubled), the apostrophe and the two enclosing quotes.
    this.room(2 * (to - from) + 3);
    const out = this.out;
    const start = this.used;
    let u = start;
    if (neutralise) out[u++] = 0x27;
    let j = from;
    for (; j < to; j++) {
      const c = b[j] as number;
      if (NEEDS_QUOTES[c] === 1) break;
      out[u++] = c;
    }
    if (j === to) {
      this.used = u;
      return;
    }
    u = start;
    out[u++] = QUOTE;
    if (neutralise) out[u++] = 0x27;
    for (j = from; j < to; j++) {
      const c = b[j] as number;
      out[u++] = c;
      if (c === QUOTE) out[u++] = QUOTE;
    }
    out[u++] = QUOTE;
    this.used = u;
  }

  /**
   * PostgreSQL's timestamp text in UTC, `YYYY-MM-DD HH:MM:SS` and up to 6 fraction digits
   * (DateStyle ISO), as Date#toISOString() writes it: `YYYY-MM-DDTHH:MM:SS.mmmZ` (milliseconds; the
   * columns hold no more).
   */
  private isoTime(b: Buffer, i: number): void {
    const from = this.starts[i] as number;
    if (from === -1) return;
    const to = this.ends[i] as number;
    if (to - from < 19 || b[from + 10] !== 0x20 || b[from + 4] !== 0x2d || (to - from > 19 && b[from + 19] !== 0x2e)) {
      throw new Error(`unexpected timestamp text from PostgreSQL: ${b.toString('latin1', from, to)}`);
    }
    this.room(24);
    const out = this.out;
    let u = this.used;
    for (let j = from; j < from + 19; j++) out[u++] = b[j] as number;
    out[u - 9] = 0x54; // 'T' where the space was
    out[u++] = 0x2e; // '.'
    for (let k = 0; k < 3; k++) {
      const j = from + 20 + k;
      out[u++] = j < to ? (b[j] as number) : 0x30;
    }
    out[u++] = 0x5a; // 'Z'
    this.used = u;
  }

  private room(n: number): void {
    if (this.used + n > this.out.length) {
      this.flushOut();
      if (n > this.out.length) this.out = Buffer.allocUnsafe(n);
    }
  }

  private byte(c: number): void {
    this.room(1);
    this.out[this.used++] = c;
  }

  private copy(b: Buffer, i: number): void {
    const from = this.starts[i] as number;
    if (from === -1) return;
    const to = this.ends[i] as number;
    this.room(to - from);
    if (to - from > 64) {
      this.used += b.copy(this.out, this.used, from, to);
      return;
    }
    // Buffer#copy's checks cost more than a short loop for the few bytes of most fields.
    const out = this.out;
    let u = this.used;
    for (let j = from; j < to; j++) out[u++] = b[j] as number;
    this.used = u;
  }

  private text(s: string): void {
    this.room(Buffer.byteLength(s));
    this.used += this.out.write(s, this.used, 'utf8');
  }

  private flushOut(): void {
    if (this.used === 0) return;
    // The filled part goes to the consumer as it is; writing goes on in a new buffer.
    const full = this.out.subarray(0, this.used);
    this.out = Buffer.allocUnsafe(this.chunkBytes);
    this.used = 0;
    this.push(full);
  }
}
