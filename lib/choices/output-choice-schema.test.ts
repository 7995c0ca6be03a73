import { describe, expect, it } from 'vitest';
import { outputChoiceSchema } from './output-choice-schema';

const mappingId = '6f1c2b1e-8a2d-4c1f-9b7a-0e5d4c3b2a19';

describe('outputChoiceSchema', () => {
  it('accepts a known format and a valid profile name', () => {
    expect(outputChoiceSchema.parse({ mappingId, outputFormat: 'credentials-file', profileName: 'sandbox-dev-DevDeveloper' })).toEqual({ mappingId, outputFormat: 'credentials-file', profileName: 'sandbox-dev-DevDeveloper' });
    expect(outputChoiceSchema.parse({ mappingId, outputFormat: 'fish' })).toEqual({ mappingId, outputFormat: 'fish' });
  });

  it('refuses an unknown format', () => {
    for (const outputFormat of ['zsh', 'ENV', '', 'credentials_file']) expect(outputChoiceSchema.safeParse({ mappingId, outputFormat }).success).toBe(false);
  });

  it('refuses a profile name that is not one (so nothing else can be stored there)', () => {
    for (const profileName of ['bad name', 'x]', '[default]', 'a\nb', '', 'a'.repeat(65), 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY wJalrXUtnFEMI']) {
      expect(outputChoiceSchema.safeParse({ mappingId, profileName }).success).toBe(false);
    }
  });

  it('refuses a mapping id that is not a UUID, and extra fields are dropped', () => {
    expect(outputChoiceSchema.safeParse({ mappingId: 'x', outputFormat: 'env' }).success).toBe(false);
    expect(outputChoiceSchema.parse({ mappingId, outputFormat: 'env', secretAccessKey: 'oops' })).toEqual({ mappingId, outputFormat: 'env' });
  });
});
