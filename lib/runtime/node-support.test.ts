import { describe, expect, it } from 'vitest';
import { nodeEndOfLifeNotice } from './node-support';

describe('nodeEndOfLifeNotice', () => {
  const may2026 = new Date('2026-05-01T00:00:00Z');
  it('names an ended line, its end date and the supported lines', () => {
    expect(nodeEndOfLifeNotice('20.19.4', may2026)).toBe(
      'Node.js 20.19.4 is past its end of life (2026-04-30) and gets no security fixes; Keyport supports Node.js 22 and 24: upgrade before its dependencies drop this version.',
    );
    expect(nodeEndOfLifeNotice('v18.20.0', may2026)).toMatch(/^Node\.js 18\.20\.0 is past its end of life \(2025-04-30\)/);
  });
  it('says nothing for a line still supported', () => {
    expect(nodeEndOfLifeNotice('22.12.0', may2026)).toBeNull();
    expect(nodeEndOfLifeNotice('24.11.1', may2026)).toBeNull();
  });
  it('says nothing for Node 20 before its end date', () => {
    expect(nodeEndOfLifeNotice('20.19.0', new Date('2026-04-29T23:59:59Z'))).toBeNull();
  });
  it('speaks up for a line older than the table', () => {
    expect(nodeEndOfLifeNotice('16.20.2', may2026)).toMatch(/^Node\.js 16\.20\.2 is past its end of life and gets no security fixes/);
  });
  it('says nothing for a newer line it does not know yet', () => {
    expect(nodeEndOfLifeNotice('26.1.0', may2026)).toBeNull();
  });
});
