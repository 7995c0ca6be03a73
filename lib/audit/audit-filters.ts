// The audit search's filters, read from and written to a URL query (so a search can be shared).
// Pure. A filter that is absent is `undefined` here and produces no condition; it never widens
// the caller's scope, which buildAuditWhere applies on its own.
import { AppError } from '@/lib/errors/app-error';
import { hasControlCharacter } from '@/lib/http/find-control-character';
import { outcomeLabel } from './event-labels';
import { AUDIT_OUTCOMES, isAuditEventType, type AuditEventType, type AuditOutcome } from './event-types';

/** The time presets of the search: "the last hour, 24 hours, 7 days" (from = now − preset). */
export const AUDIT_TIME_PRESETS = { '1h': 3600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
export type AuditTimePreset = keyof typeof AUDIT_TIME_PRESETS;

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
  /** A preset window ending now; `from` then holds its start (computed when the URL is read). */
  since?: AuditTimePreset;
  /** Only refusals, failures and unknown outcomes (every outcome but success). */
  failuresOnly?: true;
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
  since: 'since',
  failuresOnly: 'failures',
} as const satisfies Record<keyof AuditFilters, string>;

/** What each parameter is called on the page: error messages name the field, never the parameter. */
export const FILTER_FIELD_LABELS: Record<(typeof FILTER_PARAMS)[keyof typeof FILTER_PARAMS], string> = {
  person: 'Person',
  group: 'IdP group',
  role: 'Role ARN',
  account: 'Account',
  type: 'Event type',
  outcome: 'Outcome',
  ip: 'Source IP',
  from: 'From',
  to: 'To',
  key: 'AccessKeyId',
  since: 'Time range',
  failures: 'Failures only',
};

/**
 * An AccessKeyId as CloudTrail shows it, from what was pasted: spaces (and the line breaks a copy
 * from a terminal carries) removed, upper case. AccessKeyIds are upper-case letters and digits
 * (IAM API Reference, AccessKey: "[\\w]+", 16–128 characters; every one AWS issues is upper case).
 */
export function normalizeAccessKeyId(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function all(params: Params, name: string): string[] {
  const raw = params instanceof URLSearchParams ? params.getAll(name) : ([] as string[]).concat(params[name] ?? []);
  return raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

function one(params: Params, name: keyof typeof FILTER_FIELD_LABELS): string | undefined {
  const v = all(params, name).join(',');
  if (hasControlCharacter(v)) {
    // PostgreSQL cannot compare text with U+0000 (the query would fail); nothing real holds one.
    throw new AppError('invalid_input', `${FILTER_FIELD_LABELS[name]} contains an invisible control character; remove it and search again.`, {
      fields: { [name]: 'Remove the invisible control character.' },
      detail: { fieldKeys: { [name]: 'control' } },
    });
  }
  return v === '' ? undefined : v.slice(0, 512);
}

/** The problems a filter can have (`audit.fieldErrors.<key>` in the catalogs). */
export type FilterErrorKey = 'control' | 'role' | 'account' | 'type' | 'outcome' | 'since' | 'time' | 'failures' | 'key' | 'failuresAndSuccess' | 'toBeforeFrom';

/** ISO 8601; without a zone (as `<input type="datetime-local">` sends it) the time is UTC. */
export function parseUtcTime(text: string): Date | undefined {
  const t = /([zZ]|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text}Z`;
  if (!/^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?)?/.test(text)) return undefined;
  const d = new Date(/^\d{4}-\d\d-\d\d$/.test(text) ? `${text}T00:00:00Z` : t);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * Reads the filters; a malformed one is a 422 whose message says, per field and in words, what is
 * wrong — never silently ignored. `fields` is keyed by the parameter, so the form can show each
 * message beside its input and keep what was typed.
 */
export function parseAuditFilters(params: Params, now: Date = new Date()): AuditFilters {
  const fields: Record<string, string> = {};
  // The same problems as keys of the `audit.fieldErrors` catalog, so a page says them in its language.
  const keys: Record<string, FilterErrorKey> = {};
  const bad = (param: string, key: FilterErrorKey, english: string) => {
    fields[param] = english;
    keys[param] = key;
  };
  const f: AuditFilters = {};
  const person = one(params, FILTER_PARAMS.person);
  if (person) f.person = person;
  const group = one(params, FILTER_PARAMS.group);
  if (group) f.group = group;
  const roleArn = one(params, FILTER_PARAMS.roleArn);
  if (roleArn) {
    if (/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(roleArn)) f.roleArn = roleArn;
    else bad('role', 'role', 'Enter a whole role ARN, like arn:aws:iam::123456789012:role/Name.');
  }
  const accountRaw = one(params, FILTER_PARAMS.accountId);
  const accountId = accountRaw?.replace(/[\s-]+/g, '');
  if (accountId) {
    if (/^\d{12}$/.test(accountId)) f.accountId = accountId;
    else bad('account', 'account', 'An AWS account id is 12 digits, like 123456789012.');
  }
  const types = all(params, FILTER_PARAMS.types);
  if (types.length > 0) {
    const unknown = types.filter((t) => !isAuditEventType(t));
    if (unknown.length > 0) bad('type', 'type', `Choose an event type from the list (“${unknown.join('”, “')}” is not one).`);
    else f.types = [...new Set(types)] as AuditEventType[];
  }
  const outcome = one(params, FILTER_PARAMS.outcome);
  if (outcome) {
    if ((AUDIT_OUTCOMES as readonly string[]).includes(outcome)) f.outcome = outcome as AuditOutcome;
    else bad('outcome', 'outcome', `Choose an outcome from the list: ${AUDIT_OUTCOMES.map((o) => outcomeLabel(o)).join(', ')}.`);
  }
  const ip = one(params, FILTER_PARAMS.sourceIp);
  if (ip) f.sourceIp = ip;
  const since = one(params, FILTER_PARAMS.since);
  if (since) {
    if (Object.hasOwn(AUDIT_TIME_PRESETS, since)) f.since = since as AuditTimePreset;
    else bad('since', 'since', 'Choose the last hour, the last 24 hours or the last 7 days.');
  }
  for (const k of ['from', 'to'] as const) {
    const v = one(params, FILTER_PARAMS[k]);
    if (!v) continue;
    if (k === 'from' && f.since) continue; // the preset decides where the window starts
    const d = parseUtcTime(v);
    if (d) f[k] = d;
    else bad(k, 'time', 'Enter a date and time, like 2026-11-23 14:00 (UTC).');
  }
  if (f.since) f.from = new Date(now.getTime() - AUDIT_TIME_PRESETS[f.since]);
  const failures = one(params, FILTER_PARAMS.failuresOnly);
  if (failures) {
    if (failures === '1' || failures === 'on' || failures === 'true') f.failuresOnly = true;
    else bad('failures', 'failures', 'Tick the box or leave it empty.');
  }
  const keyRaw = one(params, FILTER_PARAMS.accessKeyId);
  const key = keyRaw === undefined ? undefined : normalizeAccessKeyId(keyRaw);
  if (key) {
    if (/^[A-Z0-9]{16,128}$/.test(key)) f.accessKeyId = key;
    else bad('key', 'key', 'An AccessKeyId is 16 or more letters and digits, like ASIAIOSFODNN7EXAMPLE, as CloudTrail shows it.');
  }
  if (f.outcome === 'success' && f.failuresOnly) bad('outcome', 'failuresAndSuccess', '“Failures only” and the outcome “Succeeded” exclude each other: choose one.');
  if (f.from && f.to && f.from >= f.to) bad('to', 'toBeforeFrom', '“To” must be later than “From”.');
  if (Object.keys(fields).length > 0) {
    const list = Object.entries(fields).map(([k, v]) => `${FILTER_FIELD_LABELS[k as keyof typeof FILTER_FIELD_LABELS] ?? k}: ${v}`);
    throw new AppError('invalid_input', `Check the search. ${list.join(' ')}`, { fields, detail: { fieldKeys: keys } });
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
  if (f.since) p.set(FILTER_PARAMS.since, f.since);
  else if (f.from) p.set(FILTER_PARAMS.from, f.from.toISOString());
  if (f.to) p.set(FILTER_PARAMS.to, f.to.toISOString());
  if (f.accessKeyId) p.set(FILTER_PARAMS.accessKeyId, f.accessKeyId);
  if (f.failuresOnly) p.set(FILTER_PARAMS.failuresOnly, '1');
  return p;
}
