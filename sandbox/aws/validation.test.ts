import { describe, expect, it } from 'vitest';
import { checkInteger, checkString, NAME_PATTERN, NAME_PATTERN_TEXT, Violations } from './validation';

describe('AWS validation messages', () => {
  it('formats one error like AWS', () => {
    const v = new Violations();
    checkInteger(v, '899', 'durationSeconds', { min: 900, max: 43200 });
    expect(v.toError()?.message).toBe(
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    expect(v.toError()).toMatchObject({ code: 'ValidationError', status: 400, type: 'Sender' });
  });

  it('joins several errors and renders missing members as null', () => {
    const v = new Violations();
    checkString(v, undefined, 'roleArn', { required: true });
    checkString(v, 'a b', 'roleSessionName', { min: 2, pattern: NAME_PATTERN, patternText: NAME_PATTERN_TEXT });
    expect(v.toError()?.message).toBe(
      "2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
  });

  it('never echoes secret members', () => {
    const v = new Violations();
    checkString(v, 'eyJ', 'webIdentityToken', { min: 4, secret: true });
    expect(v.toError()?.message).toContain("Value '***' at 'webIdentityToken'");
  });

  it('reports non-integers and passes absent optional members', () => {
    const v = new Violations();
    expect(checkInteger(v, 'soon', 'durationSeconds', {})).toBeUndefined();
    expect(checkInteger(v, undefined, 'durationSeconds', {})).toBeUndefined();
    checkString(v, undefined, 'policy', { min: 1 });
    expect(v.count).toBe(1);
    expect(new Violations().toError()).toBeUndefined();
  });
});
