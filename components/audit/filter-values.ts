// Filters → the values the search form shows (times in UTC for datetime-local inputs).
import type { AuditFilters } from '@/lib/audit/audit-filters';
import type { SearchValues } from './audit-search-form';

/**
 * The filters as the history page's form shows them (components/history/history-filter-form.tsx):
 * the audit search's values without its presets.
 */
export type FilterValues = Omit<SearchValues, 'since' | 'failures'>;

export function filterValues(f: AuditFilters): FilterValues {
  return {
    key: f.accessKeyId,
    person: f.person,
    group: f.group,
    role: f.roleArn,
    account: f.accountId,
    type: f.types?.[0],
    outcome: f.outcome,
    ip: f.sourceIp,
    from: f.from?.toISOString().slice(0, 16),
    to: f.to?.toISOString().slice(0, 16),
  };
}
