import { describe, expect, it } from 'vitest';
import { classifySearchTerm } from './classify-search-term';

describe('classifySearchTerm', () => {
  it('recognises an AccessKeyId in any case and with spaces', () => {
    expect(classifySearchTerm(' asia2ftrge2utrxqjpim ')).toEqual({ param: 'key', value: 'ASIA2FTRGE2UTRXQJPIM' });
    expect(classifySearchTerm('ASIA 2FTR GE2U TRXQ JPIM')).toEqual({ param: 'key', value: 'ASIA2FTRGE2UTRXQJPIM' });
  });

  it('recognises a role ARN, an account id as the console prints it, and IP addresses', () => {
    expect(classifySearchTerm('arn:aws:iam::111122223333:role/DevReadOnly')).toEqual({ param: 'role', value: 'arn:aws:iam::111122223333:role/DevReadOnly' });
    expect(classifySearchTerm('1111-2222-3333')).toEqual({ param: 'account', value: '111122223333' });
    expect(classifySearchTerm('203.0.113.7')).toEqual({ param: 'ip', value: '203.0.113.7' });
    expect(classifySearchTerm('::1')).toEqual({ param: 'ip', value: '::1' });
    expect(classifySearchTerm('2001:DB8::1')).toEqual({ param: 'ip', value: '2001:db8::1' });
  });

  it('takes anything else as a person, and nothing for an empty box', () => {
    expect(classifySearchTerm('dana@example.com')).toEqual({ param: 'person', value: 'dana@example.com' });
    expect(classifySearchTerm('Dana Drill')).toEqual({ param: 'person', value: 'Dana Drill' });
    expect(classifySearchTerm('999.1.1.1')).toEqual({ param: 'person', value: '999.1.1.1' });
    expect(classifySearchTerm('12345')).toEqual({ param: 'person', value: '12345' });
    expect(classifySearchTerm('   ')).toBeNull();
  });
});
