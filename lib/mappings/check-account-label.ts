// One AWS account, one name (aws_accounts; migration 20261201192500). Pure: the problem with a
// mapping's account label, in words, given the accounts Keyport knows — or none. A mapping names an
// account through its role ARN (the id) and its label; the label must be the account's, and a new
// account's label must not already name another account.

export interface AccountRecord {
  id: string;
  label: string;
}

export function accountLabelProblem(m: { accountId: string; accountLabel: string }, accounts: readonly AccountRecord[]): string | null {
  const own = accounts.find((a) => a.id === m.accountId);
  if (own) {
    if (own.label === m.accountLabel) return null;
    return `Account ${m.accountId} is called “${own.label}” in Keyport: choose it from the list (one account has one name, which every mapping of the account shows).`;
  }
  const other = accounts.find((a) => a.label === m.accountLabel);
  if (other) return `“${m.accountLabel}” already names account ${other.id}: give account ${m.accountId} a name of its own.`;
  return null;
}

/**
 * Problems of a whole set of rows (an import file) on top of the accounts Keyport knows: the
 * first row to name an account decides its label for the rest of the file. Keyed by row index.
 */
export function accountLabelProblems(rows: readonly { accountId: string; accountLabel: string }[], accounts: readonly AccountRecord[]): Map<number, string> {
  const known = [...accounts];
  const problems = new Map<number, string>();
  rows.forEach((r, i) => {
    const p = accountLabelProblem(r, known);
    if (p) problems.set(i, p);
    else if (!known.some((a) => a.id === r.accountId)) known.push({ id: r.accountId, label: r.accountLabel });
  });
  return problems;
}

/** An account label as the admin may type it: 1–64 characters, not only spaces. */
export function accountLabelFormatProblem(label: string): string | null {
  const t = label.trim();
  if (t.length === 0) return 'Give the account a name, such as “production”.';
  if (t.length > 64) return 'An account name has at most 64 characters.';
  return null;
}
