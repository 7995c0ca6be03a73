import { describe, expect, it } from 'vitest';
import { isValidProfileName, profileNameProblem } from './profile-name-problem';
import { ACCEPTED_PROFILE_NAMES, REJECTED_PROFILE_NAMES } from './profile-names.fixture';

describe('profileNameProblem', () => {
  it.each(ACCEPTED_PROFILE_NAMES)('accepts %j', (name) => {
    expect(profileNameProblem(name)).toBeNull();
    expect(isValidProfileName(name)).toBe(true);
  });

  it.each(REJECTED_PROFILE_NAMES)('rejects %j', (name) => {
    expect(profileNameProblem(name)).toMatch(/^Profile name /);
    expect(isValidProfileName(name)).toBe(false);
  });

  it('reports the most specific problem first', () => {
    expect(profileNameProblem('')).toBe('Profile name is required');
    expect(profileNameProblem('x'.repeat(65))).toBe('Profile name must be at most 64 characters');
    expect(profileNameProblem('a]\nb')).toBe('Profile name must be on a single line');
    expect(profileNameProblem(' a]')).toBe('Profile name must not start or end with spaces');
    expect(profileNameProblem('a]')).toBe('Profile name must not contain "[" or "]"');
    expect(profileNameProblem('-dev')).toBe(
      'Profile name must start with a letter or digit and contain only letters, digits and _ . : / @ + = , -',
    );
  });
});
