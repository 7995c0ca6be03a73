import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { refusal } from '@/test/refusal';
import { MAX_JSON_BODY_BYTES, readJson } from './read-json';

const schema = z.object({ reason: z.string(), nested: z.object({ list: z.array(z.string()) }).optional() });
const post = (body: string, headers: Record<string, string> = {}) => new Request('http://localhost/api/x', { method: 'POST', body, headers });


describe('readJson', () => {
  it('parses a valid body', async () => {
    expect(await readJson(post(JSON.stringify({ reason: 'line one\nline two\ttabbed' })), schema)).toEqual({ reason: 'line one\nline two\ttabbed' });
  });

  it('refuses a body over the limit with 413 before parsing, by declared length or by bytes read', async () => {
    const big = JSON.stringify({ reason: 'x'.repeat(MAX_JSON_BODY_BYTES) });
    expect((await refusal(readJson(post(big), schema))).status).toBe(413);
    // A lying Content-Length: the bytes are counted as they arrive.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 80; i++) c.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        c.close();
      },
    });
    const lying = new Request('http://localhost/api/x', { method: 'POST', body: stream, headers: { 'content-length': '10' }, duplex: 'half' } as RequestInit);
    expect((await refusal(readJson(lying, schema))).status).toBe(413);
    // A route may allow more.
    expect(await readJson(post(big), schema, { maxBytes: 2 * MAX_JSON_BODY_BYTES })).toMatchObject({ reason: expect.any(String) });
  });

  it.each([
    ['\u0000', 'U+0000'],
    ['\u0007', 'U+0007'],
    ['\u001b[31m', 'U+001B'],
    ['\u007f', 'U+007F'],
    ['\u0085', 'U+0085'],
    ['\u202e', 'U+202E'],
    ['\u2066', 'U+2066'],
  ])('refuses a string holding %j with 422 and a field message', async (ch, code) => {
    const e = await refusal(readJson(post(JSON.stringify({ reason: `a${ch}b` })), schema));
    expect(e.status).toBe(422);
    expect(e.extra.fields).toEqual({ reason: `Must not contain control characters (found ${code}).` });
  });

  it('finds control characters in nested values and in keys', async () => {
    const nested = await refusal(readJson(post(JSON.stringify({ reason: 'ok', nested: { list: ['fine', 'bad\u0000'] } })), schema));
    expect(nested.extra.fields).toEqual({ 'nested.list.1': 'Must not contain control characters (found U+0000).' });
    const key = await refusal(readJson(post('{"reason":"ok","ev\\u0000il":1}'), schema));
    expect(key.status).toBe(422);
  });

  it('refuses what is not JSON, and names the fields the schema refuses', async () => {
    expect((await refusal(readJson(post('{not json'), schema))).status).toBe(422);
    const e = await refusal(readJson(post(JSON.stringify({ reason: 42 })), schema));
    expect(e.status).toBe(422);
    expect(Object.keys(e.extra.fields ?? {})).toEqual(['reason']);
  });
});
