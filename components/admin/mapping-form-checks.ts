// Pure: every message the mapping form shows as you type — the server's own rules
// (validateMapping, the one account name) run in the browser on the payload the form would send,
// plus what only the form can know (the picked account against the ARN's). The server checks
// all of it again; its messages replace these when it answers.
import { accountLabelFormatProblem, accountLabelProblem, type AccountRecord } from '@/lib/mappings/check-account-label';
import { fromHoursMinutes } from '@/lib/mappings/duration-parts';
import { validateMapping } from '@/lib/mappings/validate-mapping';
import { arnAccountId, payloadOf, type MappingFormValues } from './mapping-form-values';

/** Where focus goes first when several fields are wrong: the order they appear in. */
export const FIELD_ORDER = ['idpGroup', 'idpKind', 'roleArn', 'accountLabel', 'federationMode', 'sessionTagAttributes', 'samlProviderArn', 'roleLabel', 'description', 'maxDurationSeconds', 'stsRegion', 'allowedRegions', 'sessionPolicy', 'managedPolicyArns'] as const;

export function formProblems(v: MappingFormValues, mode: 'create' | 'edit', accounts: readonly AccountRecord[]): Record<string, string> {
  const payload = payloadOf(v, mode, accounts);
  const checked = validateMapping(payload);
  const fields: Record<string, string> = checked.ok ? {} : { ...checked.fields };
  if (fromHoursMinutes(v.durationHours, v.durationMinutes) === null) fields.maxDurationSeconds = 'Enter the hours and minutes as whole numbers, like 1 hour 30 minutes.';
  const arnAccount = arnAccountId(v.roleArn);
  if (v.accountChoice === '') fields.accountLabel = 'Choose the role’s account, or “Another account…” to name a new one.';
  else if (v.accountChoice === 'new') {
    const format = accountLabelFormatProblem(v.newAccountLabel);
    if (format) fields.accountLabel = format;
    else if (arnAccount) {
      const p = accountLabelProblem({ accountId: arnAccount, accountLabel: v.newAccountLabel.trim() }, accounts);
      if (p) fields.accountLabel = p;
    }
  } else if (arnAccount && arnAccount !== v.accountChoice) {
    const picked = accounts.find((a) => a.id === v.accountChoice);
    fields.roleArn = `This role is in account ${arnAccount}, not in ${picked ? `${picked.label} (${picked.id})` : v.accountChoice}: pick its account, or correct the ARN.`;
  }
  return fields;
}

export function firstProblem(fields: Record<string, string>): string | null {
  return FIELD_ORDER.find((k) => fields[k]) ?? Object.keys(fields)[0] ?? null;
}
