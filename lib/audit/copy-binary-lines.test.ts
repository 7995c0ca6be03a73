// The COPY binary reader and CSV writer on hand-made COPY data: the same output whether the
// bytes come at once or one at a time, csvCell's rules on every awkward value, NULLs, timestamps,
// and refusal of data that is not COPY or ends mid-row.
import { describe, expect, it } from 'vitest';
import { CopyBinaryLines, type CopyLayout } from './copy-binary-lines';
import { csvCell } from './csv';

function copyData(rows: (string | null)[][]): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  for (const row of rows) {
    const n = Buffer.alloc(2);
    n.writeInt16BE(row.length);
    parts.push(n);
    for (const v of row) {
      const len = Buffer.alloc(4);
      if (v === null) {
        len.writeInt32BE(-1);
        parts.push(len);
      } else {
        const bytes = Buffer.from(v, 'utf8');
        len.writeInt32BE(bytes.length);
        parts.push(len, bytes);
      }
    }
  }
  const end = Buffer.alloc(2);
  end.writeInt16BE(-1);
  parts.push(end);
  return Buffer.concat(parts);
}

async function run(layout: CopyLayout, data: Buffer, chunk: number, chunkBytes = 64): Promise<string> {
  const t = new CopyBinaryLines(layout, (d) => (d === null ? 'NULL' : `<${d}>`), chunkBytes);
  const out: Buffer[] = [];
  t.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    t.on('end', resolve);
    t.on('error', reject);
  });
  for (let i = 0; i < data.length; i += chunk) t.write(data.subarray(i, i + chunk));
  t.end();
  await done;
  return Buffer.concat(out).toString('utf8');
}

const AWKWARD = ['=1+1', '+x', '-2', '@a', '\tt', '\rr', 'a,b', 'say "hi"', '"', 'l\nf', 'c\rr', ' =not first', "'q", 'ünï 🔑', '', 'x'.repeat(200)];

describe('CopyBinaryLines', () => {
  it('writes CSV by csvCell, whatever the chunking', async () => {
    const layout: CopyLayout = { kind: 'csv', cells: ['raw', 'text', 'time', 'details', 'text'] };
    const rows = AWKWARD.map((v, i) => [String(i), v, i % 3 === 0 ? '2031-01-02 03:04:05' : i % 3 === 1 ? '2031-01-02 03:04:05.1' : '2031-01-02 03:04:05.123', i % 2 ? null : '{"a": 1}', i % 4 === 0 ? null : v]);
    const iso = (i: number) => (i % 3 === 0 ? '2031-01-02T03:04:05.000Z' : i % 3 === 1 ? '2031-01-02T03:04:05.100Z' : '2031-01-02T03:04:05.123Z');
    // The details cell is what finishDetails returns (the exporter's applies csvCell itself).
    const expected = AWKWARD.map((v, i) => `${[csvCell(String(i)), csvCell(v), iso(i), i % 2 ? 'NULL' : '<{"a": 1}>', csvCell(i % 4 === 0 ? null : v)].join(',')}\r\n`).join('');
    const data = copyData(rows);
    const whole = await run(layout, data, data.length);
    expect(whole).toBe(expected);
    for (const chunk of [1, 3, 7, 64]) expect(await run(layout, data, chunk, 16)).toBe(expected);
  });

  it('writes three-part lines (JSON Lines) as head, finished details, tail', async () => {
    const data = copyData([
      ['{"a":1,"details":', '{"b": 2}', '}\n'],
      ['{"a":2,"details":', null, '}\n'],
    ]);
    expect(await run({ kind: 'lines' }, data, 5)).toBe('{"a":1,"details":<{"b": 2}>}\n{"a":2,"details":NULL}\n');
  });

  it('refuses data that is not COPY binary, a row of the wrong width, and data that ends mid-row', async () => {
    await expect(run({ kind: 'lines' }, Buffer.from('not copy data at all, not at all'), 100)).rejects.toThrow(/not COPY binary/);
    await expect(run({ kind: 'lines' }, copyData([['a', 'b']]), 100)).rejects.toThrow(/expected 3 fields/);
    const cut = copyData([['a', 'b', 'c']]);
    await expect(run({ kind: 'lines' }, cut.subarray(0, cut.length - 4), 100)).rejects.toThrow(/middle of a row/);
    await expect(run({ kind: 'csv', cells: ['time'] }, copyData([['yesterday']]), 100)).rejects.toThrow(/unexpected timestamp/);
  });
});
