import { describe, expect, it } from 'vitest';
import { firstProblem, formProblems } from './mapping-form-checks';
import { EMPTY_MAPPING, payloadOf, type MappingFormValues } from './mapping-form-values';

const accounts = [
  { id: '111122223333', label: 'sandbox-dev' },
  { id: '444455556666', label: 'sandbox-prod' },
];
const good: MappingFormValues = { ...EMPTY_MAPPING, idpGroup: 'eng', roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly', accountChoice: '111122223333', roleLabel: 'Dev', durationHours: '1', durationMinutes: '30' };

describe('the mapping form as you type', () => {
  it('has nothing to say about a good mapping, and sends hours and minutes as seconds with the account’s name', () => {
    expect(formProblems(good, 'create', accounts)).toEqual({});
    expect(payloadOf(good, 'create', accounts)).toMatchObject({ maxDurationSeconds: 5400, accountLabel: 'sandbox-dev' });
  });

  it('says, beside the field, what is wrong: the server’s rules, in words', () => {
    const f = formProblems({ ...good, roleArn: 'arn:aws:iam::12345:role/X', durationHours: '0', durationMinutes: '5', idpGroup: '' }, 'create', accounts);
    expect(f.roleArn).toMatch(/^The account id in the ARN has 5 characters/);
    expect(f.maxDurationSeconds).toMatch(/from 15 minutes to 12 hours/);
    expect(f.idpGroup).toMatch(/required/);
    expect(firstProblem(f)).toBe('idpGroup');
  });

  it('refuses hours or minutes that are not whole numbers', () => {
    expect(formProblems({ ...good, durationHours: '1.5' }, 'create', accounts).maxDurationSeconds).toMatch(/whole numbers/);
  });

  it('keeps the account and the ARN together, and one name per account', () => {
    expect(formProblems({ ...good, accountChoice: '' }, 'create', accounts).accountLabel).toMatch(/Choose the role’s account/);
    expect(formProblems({ ...good, accountChoice: '444455556666' }, 'create', accounts).roleArn).toBe(
      'This role is in account 111122223333, not in sandbox-prod (444455556666): pick its account, or correct the ARN.',
    );
    const stranger = { ...good, roleArn: 'arn:aws:iam::777788889999:role/X', accountChoice: 'new' };
    expect(formProblems({ ...stranger, newAccountLabel: '' }, 'create', accounts).accountLabel).toMatch(/Give the account a name/);
    expect(formProblems({ ...stranger, newAccountLabel: 'sandbox-prod' }, 'create', accounts).accountLabel).toMatch(/already names account 444455556666/);
    expect(formProblems({ ...stranger, newAccountLabel: 'staging' }, 'create', accounts)).toEqual({});
    // "Another account" for an account Keyport knows: it has a name already.
    expect(formProblems({ ...good, accountChoice: 'new', newAccountLabel: 'dev' }, 'create', accounts).accountLabel).toMatch(/is called “sandbox-dev”/);
  });
});
