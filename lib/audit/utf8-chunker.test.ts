import { describe, expect, it } from 'vitest';
import { createUtf8Chunker } from './utf8-chunker';

function run(chunkBytes: number, texts: string[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  const c = createUtf8Chunker(chunkBytes, (b) => out.push(b));
  for (const t of texts) c.write(t);
  c.flush();
  return out;
}

const decode = (chunks: Uint8Array[]) => new TextDecoder().decode(Buffer.concat(chunks));

describe('createUtf8Chunker', () => {
  it('gives the same bytes as encoding the whole text, in chunks no larger than asked', () => {
    const texts = Array.from({ length: 200 }, (_, i) => `row ${i}, ü€🔑 "q"\r\n`);
    const chunks = run(64, texts);
    expect(decode(chunks)).toBe(texts.join(''));
    expect(Buffer.concat(chunks).equals(Buffer.from(texts.join(''), 'utf8'))).toBe(true);
    expect(chunks.every((c) => c.byteLength > 0 && c.byteLength <= 64)).toBe(true);
    expect(chunks.length).toBeGreaterThan(10);
  });

  it('emits a text longer than a chunk on its own, keeping the order', () => {
    const long = '🔑'.repeat(100);
    const chunks = run(32, ['a', long, 'b']);
    expect(decode(chunks)).toBe(`a${long}b`);
    expect(chunks.map((c) => c.byteLength)).toEqual([1, 400, 1]);
  });

  it('emits nothing for nothing', () => {
    expect(run(16, [])).toEqual([]);
    expect(run(16, [''])).toEqual([]);
  });
});
