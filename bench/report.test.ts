import { describe, expect, it } from 'vitest';
import { markdownTable, renderReport, verdict } from './report';

describe('markdownTable', () => {
  it('writes a header, a rule and escaped rows', () => {
    expect(markdownTable(['a', 'b'], [['1', 'x|y']])).toBe('| a | b |\n| --- | --- |\n| 1 | x\\|y |');
  });
  it('refuses a row of the wrong width', () => {
    expect(() => markdownTable(['a', 'b'], [['1']])).toThrow(/1 cells/);
  });
});

describe('renderReport', () => {
  it('names the machine, the parameters and every result with its baseline and verdict', () => {
    const md = renderReport({
      startedAt: new Date('2026-11-23T14:00:00Z'),
      durationSeconds: 61,
      machine: { cpus: 2, cpuModel: 'Test CPU', memoryGiB: 23.5, loadAverage: [1.5, 1, 0.5], os: 'Linux', node: 'v20.19.0', postgres: '18.0' },
      parameters: { BENCH_PAIRS: 10 },
      preamble: ['Busy machine.'],
      sections: [
        {
          title: '1 · Issuance overhead',
          rows: [{ benchmark: '1 · Issuance overhead', metric: 'overhead p50', value: '3.00 ms', baseline: 'bare STS 10.00 ms', ratio: '1.30×', goal: '≤ 5 ms', verdict: verdict(true) }],
          notes: ['20 pairs'],
        },
      ],
    });
    expect(md).toContain('| 2 | Test CPU | 23.5 GiB | 1.50 / 1.00 / 0.50 | Linux | v20.19.0 | 18.0 |');
    expect(md).toContain('| BENCH_PAIRS | 10 |');
    expect(md).toContain('| 1 · Issuance overhead | overhead p50 | 3.00 ms | bare STS 10.00 ms | 1.30× | ≤ 5 ms | ✅ met |');
    expect(md).toContain('- 20 pairs');
    expect(md).toContain('Busy machine.');
    expect(md.endsWith('\n')).toBe(true);
  });
  it('verdict maps undefined to n/a', () => {
    expect(verdict(undefined)).toBe('n/a');
    expect(verdict(false)).toBe('missed');
  });
});
