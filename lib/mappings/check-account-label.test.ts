import { describe, expect, it } from 'vitest';
import { accountLabelFormatProblem, accountLabelProblem, accountLabelProblems } from './check-account-label';

const accounts = [
  { id: '111122223333', label: 'sandbox-dev' },
  { id: '444455556666', label: 'sandbox-prod' },
];

describe('one account, one name', () => {
  it('accepts the label of a known account, and a new account with a free label', () => {
    expect(accountLabelProblem({ accountId: '111122223333', accountLabel: 'sandbox-dev' }, accounts)).toBeNull();
    expect(accountLabelProblem({ accountId: '777788889999', accountLabel: 'staging' }, accounts)).toBeNull();
  });

  it('refuses a second name for a known account, naming the one it has', () => {
    expect(accountLabelProblem({ accountId: '111122223333', accountLabel: 'dev' }, accounts)).toBe(
      'Account 111122223333 is called “sandbox-dev” in Keyport: choose it from the list (one account has one name, which every mapping of the account shows).',
    );
  });

  it("refuses a new account under another account's name", () => {
    expect(accountLabelProblem({ accountId: '777788889999', accountLabel: 'sandbox-prod' }, accounts)).toBe('“sandbox-prod” already names account 444455556666: give account 777788889999 a name of its own.');
  });

  it('checks a file row by row, the first row naming a new account deciding its name', () => {
    const problems = accountLabelProblems(
      [
        { accountId: '777788889999', accountLabel: 'staging' },
        { accountId: '777788889999', accountLabel: 'stage' },
        { accountId: '111122223333', accountLabel: 'sandbox-dev' },
        { accountId: '999900001111', accountLabel: 'staging' },
      ],
      accounts,
    );
    expect([...problems.keys()]).toEqual([1, 3]);
    expect(problems.get(1)).toContain('is called “staging”');
  });

  it('says what a malformed name lacks', () => {
    expect(accountLabelFormatProblem('  ')).toMatch(/Give the account a name/);
    expect(accountLabelFormatProblem('x'.repeat(65))).toMatch(/at most 64/);
    expect(accountLabelFormatProblem('production')).toBeNull();
  });
});
