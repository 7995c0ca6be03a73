import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, neutraliseCell } from './csv';

describe('csv', () => {
  it.each(['=HYPERLINK("http://evil.example","click")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('neutralises %j so no spreadsheet evaluates it', (v) => {
    expect(neutraliseCell(v)).toBe(`'${v}`);
    expect(csvCell(v).replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('leaves ordinary text and numbers alone', () => {
    expect(csvCell('alice@example.com')).toBe('alice@example.com');
    expect(csvCell(3600)).toBe('3600');
    expect(csvCell(null)).toBe('');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines'])).toBe('"a,b","say ""hi""","two\nlines"\r\n');
  });

  it('quotes a neutralised formula that also holds a comma', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
});
