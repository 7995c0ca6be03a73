import { describe, expect, it } from 'vitest';
import { credentialOutputs } from './credential-outputs';
import { exportFormats } from './types';

describe('credentialOutputs', () => {
  it('offers every export format once, plus the credentials file', () => {
    const ids = credentialOutputs.map((output) => output.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...exportFormats, 'credentials-file'].sort());
  });

  it('gives each a label and a hint', () => {
    for (const output of credentialOutputs) {
      expect(output.label.length).toBeGreaterThan(0);
      expect(output.hint.length).toBeGreaterThan(10);
      expect(['shell', 'file']).toContain(output.kind);
    }
  });
});
