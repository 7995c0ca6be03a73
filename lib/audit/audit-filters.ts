// The audit search's filters, read from and written to a URL query (so a search can be shared).
// Pure. A filter that is absent is `undefined` here and produces no condition; it never widens
// the caller's scope, which buildAuditWhere applies on its own.
import { AppError } from '@/lib/errors/app-error';
import { hasControlCharacter } from '@/lib/http/find-control-character';
import { AUDIT_OUTCOMES, isAuditEventType, type AuditEventType, type AuditOutcome } from './event-types';

export interface AuditFilters {
  /**
   * Subject, e-mail or session name (exact, case-insensitive for e-mail), or part of the name.
   * A subject, e-mail or name finds all of that person's events, whichever e-mail and name each
   * recorded (resolveAuditPerson); a session name finds the events that carry it, whoever acted.
   */
  person?: string;
  group?: string;
  roleArn?: string;
  accountId?: string;
  types?: AuditEventType[];
  outcome?: AuditOutcome;
  sourceIp?: string;
  from?: Date;
  to?: Date;
  accessKeyId?: string;
}

/** The query parameter each filter travels in. */
export const FILTER_PARAMS = {
  person: 'person',
  group: 'group',
  roleArn: 'role',
  accountId: 'account',
  types: 'type',
  outcome: 'outcome',
  sourceIp: 'ip',
  from: 'from',
  to: 'to',
  accessKeyId: 'key',
} as const satisfies Record<keyof AuditFilters, string>;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function all(params: Params, name: string): string[] {
  const raw = params instanceof URLSearchParams ? params.getAll(name) : ([] as string[]).concat(params[name] ?? []);
  return raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

function one(params: Params, name: string): string | undefined {
  const v = all(params, name).join(',');
  if (hasControlCharacter(v)) {
    // PostgreSQL cannot compare text with U+0000 (the query would fail); nothing real holds one.
    throw new AppError('invalid_input', `The ${name} filter contains a control character; remove it and search again.`, { fields: { [name]: 'Must not contain control characters.' } });
  }
  return v === '' ? undefined : v.slice(0, 512);
}

/** ISO 8601; without a zone (as `<input type="datetime-local">` sends it) the time is UTC. */
export function parseUtcTime(text: string): Date | undefined {
  const t = /([zZ]|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text}Z`;
  if (!/^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?)?/.test(text)) return undefined;
  const d = new Date(/^\d{4}-\d\d-\d\d$/.test(text) ? `${text}T00:00:00Z` : t);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Reads the filters; a malformed one is a 422 naming the field, never silently ignored. */
export function parseAuditFilters(params: Params): AuditFilters {
  const fields: Record<string, string> = {};
  const f: AuditFilters = {};
  const person = one(params, FILTER_PARAMS.person);
  if (person) f.person = person;
  const group = one(params, FILTER_PARAMS.group);
  if (group) f.group = group;
  const roleArn = one(params, FILTER_PARAMS.roleArn);
  if (roleArn) {
    if (/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(roleArn)) f.roleArn = roleArn;
    else fields.role = 'A role ARN, like arn:aws:iam::123456789012:role/Name.';
  }
  const accountId = one(params, FILTER_PARAMS.accountId);
  if (accountId) {
    if (/^\d{12}$/.test(accountId)) f.accountId = accountId;
    else fields.account = 'A 12-digit AWS account id.';
  }
  const types = all(params, FILTER_PARAMS.types);
  if (types.length > 0) {
    const bad = types.filter((t) => !isAuditEventType(t));
    if (bad.length > 0) fields.type = `Unknown event type ${bad.join(', ')}.`;
    else f.types = [...new Set(types)] as AuditEventType[];
  }
  const outcome = one(params, FILTER_PARAMS.outcome);
  if (outcome) {
    if ((AUDIT_OUTCOMES as readonly string[]).includes(outcome)) f.outcome = outcome as AuditOutcome;
    else fields.outcome = `One of ${AUDIT_OUTCOMES.join(', ')}.`;
  }
  const ip = one(params, FILTER_PARAMS.sourceIp);
  if (ip) f.sourceIp = ip;
  for (const k of ['from', 'to'] as const) {
    const v = one(params, FILTER_PARAMS[k]);
    if (!v) continue;
    const d = parseUtcTime(v);
    if (d) f[k] = d;
    else fields[k] = 'A date and time (UTC), like 2026-11-23T14:00.';
  }
  const key = one(params, FILTER_PARAMS.accessKeyId);
  if (key) {
    if (/^[A-Z0-9]{16,128}$/.test(key)) f.accessKeyId = key;
    else fields.key = 'An AccessKeyId, like ASIA…, as CloudTrail shows it.';
  }
  if (f.from && f.to && f.from >= f.to) fields.to = 'Must be after "from".';
  if (Object.keys(fields).length > 0) {
    throw new AppError('invalid_input', `Check the search: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join(' ')}`, { fields });
  }
  return f;
}

/** The same filters as URL query parameters (times in UTC ISO form). */
export function auditFiltersToSearchParams(f: AuditFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.person) p.set(FILTER_PARAMS.person, f.person);
  if (f.group) p.set(FILTER_PARAMS.group, f.group);
  if (f.roleArn) p.set(FILTER_PARAMS.roleArn, f.roleArn);
  if (f.accountId) p.set(FILTER_PARAMS.accountId, f.accountId);
  for (const t of f.types ?? []) p.append(FILTER_PARAMS.types, t);
  if (f.outcome) p.set(FILTER_PARAMS.outcome, f.outcome);
  if (f.sourceIp) p.set(FILTER_PARAMS.sourceIp, f.sourceIp);
  if (f.from) p.set(FILTER_PARAMS.from, f.from.toISOString());
  if (f.to) p.set(FILTER_PARAMS.to, f.to.toISOString());
  if (f.accessKeyId) p.set(FILTER_PARAMS.accessKeyId, f.accessKeyId);
  return p;
}
