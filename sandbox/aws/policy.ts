// IAM policy documents: parsing with AWS-like syntax checks, and evaluation of the statements
// that match a request (action, resource, principal, condition context). Pure.

export type Effect = 'Allow' | 'Deny';
export type PolicyKind = 'identity' | 'trust' | 'session';

export interface PrincipalMap {
  readonly [type: string]: readonly string[];
}
export type PrincipalSpec = '*' | PrincipalMap;

/** Condition block, normalised: operator → key → values (always an array of strings). */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export interface Statement {
  readonly sid?: string;
  readonly effect: Effect;
  readonly principal?: PrincipalSpec;
  readonly notPrincipal?: PrincipalSpec;
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly condition: ConditionBlock;
}

export interface Policy {
  readonly version: string;
  readonly statements: readonly Statement[];
}

export class PolicySyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicySyntaxError';
  }
}

const STRING_OPS = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'];
const NUMERIC_OPS = ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'];
const DATE_OPS = ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'];
const ARN_OPS = ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'];
const OTHER_OPS = ['Bool', 'IpAddress', 'NotIpAddress', 'BinaryEquals', 'Null'];
const BASE_OPERATORS = new Set([...STRING_OPS, ...NUMERIC_OPS, ...DATE_OPS, ...ARN_OPS, ...OTHER_OPS]);
const NEGATED = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'NotIpAddress',
  'ArnNotEquals',
  'ArnNotLike',
]);

interface ParsedOperator {
  base: string;
  set: 'ForAnyValue' | 'ForAllValues' | undefined;
  ifExists: boolean;
}

export function parseOperator(name: string): ParsedOperator | undefined {
  let rest = name;
  let set: ParsedOperator['set'];
  for (const prefix of ['ForAnyValue', 'ForAllValues'] as const) {
    if (rest.toLowerCase().startsWith(`${prefix.toLowerCase()}:`)) {
      set = prefix;
      rest = rest.slice(prefix.length + 1);
    }
  }
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = [...BASE_OPERATORS].find((op) => op.toLowerCase() === rest.toLowerCase());
  if (base === undefined || (base === 'Null' && ifExists)) return undefined;
  return { base, set, ifExists };
}

// ---------------------------------------------------------------------------------------------
// Parsing

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, field: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new PolicySyntaxError(`Syntax errors in policy. ${field} must not be empty.`);
  return list.map((item) => {
    if (typeof item !== 'string') throw new PolicySyntaxError(`Syntax errors in policy. ${field} must be a string or an array of strings.`);
    return item;
  });
}

function parsePrincipal(value: unknown, field: string): PrincipalSpec {
  if (value === '*') return '*';
  if (!isRecord(value)) throw new PolicySyntaxError(`Invalid principal in policy: ${field} must be "*" or an object.`);
  const out: Record<string, string[]> = {};
  for (const [type, ids] of Object.entries(value)) {
    if (!['AWS', 'Federated', 'Service', 'CanonicalUser'].includes(type)) {
      throw new PolicySyntaxError(`Invalid principal in policy: "${type}"`);
    }
    out[type] = stringList(ids, `${field}.${type}`);
  }
  return out;
}

function parseCondition(value: unknown): ConditionBlock {
  if (value === undefined) return {};
  if (!isRecord(value)) throw new PolicySyntaxError('Syntax errors in policy. Condition must be an object.');
  const out: Record<string, Record<string, string[]>> = {};
  for (const [operator, block] of Object.entries(value)) {
    if (parseOperator(operator) === undefined) throw new PolicySyntaxError(`Invalid Condition type : ${operator}.`);
    if (!isRecord(block)) throw new PolicySyntaxError(`Syntax errors in policy. Condition ${operator} must be an object.`);
    const keys: Record<string, string[]> = {};
    for (const [key, raw] of Object.entries(block)) {
      const list = Array.isArray(raw) ? raw : [raw];
      keys[key] = list.map((item) => {
        if (typeof item === 'string') return item;
        if (typeof item === 'number' || typeof item === 'boolean') return String(item);
        throw new PolicySyntaxError(`Syntax errors in policy. Condition values of ${key} must be strings.`);
      });
    }
    out[operator] = keys;
  }
  return out;
}

function checkActions(actions: readonly string[]): void {
  for (const action of actions) {
    if (action !== '*' && !/^[a-zA-Z0-9-]+:[^:]+$/.test(action)) {
      throw new PolicySyntaxError('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
    }
  }
}

const KNOWN_STATEMENT_FIELDS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

function parseStatement(raw: unknown, kind: PolicyKind): Statement {
  if (!isRecord(raw)) throw new PolicySyntaxError('Syntax errors in policy. Statement must be an object.');
  for (const field of Object.keys(raw)) {
    if (!KNOWN_STATEMENT_FIELDS.has(field)) throw new PolicySyntaxError(`Syntax errors in policy. Unknown field ${field}.`);
  }
  const effect = raw['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw new PolicySyntaxError(effect === undefined ? 'Missing required field Effect' : `Invalid effect: ${String(effect)}`);
  }
  if ((raw['Action'] === undefined) === (raw['NotAction'] === undefined)) {
    throw new PolicySyntaxError(raw['Action'] === undefined ? 'Missing required field Action' : 'Statement cannot have both Action and NotAction');
  }
  const hasPrincipal = raw['Principal'] !== undefined || raw['NotPrincipal'] !== undefined;
  const hasResource = raw['Resource'] !== undefined || raw['NotResource'] !== undefined;
  if (kind === 'trust') {
    if (!hasPrincipal) throw new PolicySyntaxError('Missing required field Principal');
    if (hasResource) throw new PolicySyntaxError('Has prohibited field Resource');
  } else {
    if (hasPrincipal) throw new PolicySyntaxError('Policy document should not specify a principal.');
    if (!hasResource) throw new PolicySyntaxError('Missing required field Resource');
  }
  const sid = raw['Sid'];
  if (sid !== undefined && (typeof sid !== 'string' || !/^[A-Za-z0-9]*$/.test(sid))) {
    throw new PolicySyntaxError('Statement IDs (SID) must be alpha-numeric.');
  }
  const action = raw['Action'] === undefined ? undefined : stringList(raw['Action'], 'Action');
  const notAction = raw['NotAction'] === undefined ? undefined : stringList(raw['NotAction'], 'NotAction');
  checkActions([...(action ?? []), ...(notAction ?? [])]);
  return {
    ...(typeof sid === 'string' ? { sid } : {}),
    effect,
    ...(raw['Principal'] === undefined ? {} : { principal: parsePrincipal(raw['Principal'], 'Principal') }),
    ...(raw['NotPrincipal'] === undefined ? {} : { notPrincipal: parsePrincipal(raw['NotPrincipal'], 'NotPrincipal') }),
    ...(action === undefined ? {} : { action }),
    ...(notAction === undefined ? {} : { notAction }),
    ...(raw['Resource'] === undefined ? {} : { resource: stringList(raw['Resource'], 'Resource') }),
    ...(raw['NotResource'] === undefined ? {} : { notResource: stringList(raw['NotResource'], 'NotResource') }),
    condition: parseCondition(raw['Condition']),
  };
}

/** Parses a policy given as JSON text or as an already-parsed value. Throws PolicySyntaxError. */
export function parsePolicy(input: unknown, kind: PolicyKind): Policy {
  let doc = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch {
      throw new PolicySyntaxError('This policy contains invalid Json');
    }
  }
  if (!isRecord(doc)) throw new PolicySyntaxError('Syntax errors in policy.');
  for (const field of Object.keys(doc)) {
    if (!['Version', 'Id', 'Statement'].includes(field)) throw new PolicySyntaxError(`Syntax errors in policy. Unknown field ${field}.`);
  }
  const version = doc['Version'] ?? '2008-10-17';
  if (version !== '2012-10-17' && version !== '2008-10-17') {
    throw new PolicySyntaxError('The policy must contain a valid version string');
  }
  const rawStatements = doc['Statement'];
  if (rawStatements === undefined) throw new PolicySyntaxError('Missing required field Statement');
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  if (list.length === 0) throw new PolicySyntaxError('Syntax errors in policy. Statement must not be empty.');
  return { version, statements: list.map((s) => parseStatement(s, kind)) };
}

// ---------------------------------------------------------------------------------------------
// Matching

/** IAM wildcard match: `*` any run of characters, `?` exactly one. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  // Iterative matcher with backtracking on the last `*` (linear-ish, no regex injection).
  let pi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = vi;
    } else if (star !== -1) {
      pi = star + 1;
      vi = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

export type ContextValue = string | readonly string[] | undefined;

export interface RequestContext {
  /** e.g. `sts:GetCallerIdentity`; matched case-insensitively. */
  readonly action: string;
  /** The resource ARN, or `*` for actions without a resource. */
  readonly resource?: string;
  /**
   * Who is asking, for resource-based (trust) policies. `aliases` are the other names of the same
   * principal a policy may use (an assumed-role session is also its role and its account).
   */
  readonly principal?: { readonly type: string; readonly id: string; readonly aliases?: readonly string[] };
  /** Condition keys; looked up case-insensitively. */
  readonly keys: Readonly<Record<string, ContextValue>>;
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

function lookup(keys: RequestContext['keys'], name: string): readonly string[] | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(keys)) {
    if (k.toLowerCase() === lower) {
      if (v === undefined) return undefined;
      return typeof v === 'string' ? [v] : v;
    }
  }
  return undefined;
}

/** Replaces `${key}` policy variables (2012-10-17 policies). Returns undefined if a variable is unset. */
function substitute(value: string, ctx: RequestContext, version: string): string | undefined {
  if (version !== '2012-10-17' || !value.includes('${')) return value;
  let unset = false;
  const out = value.replace(/\$\{([^}]+)\}/g, (_m, inner: string) => {
    if (inner === '*' || inner === '?' || inner === '$') return inner;
    const [name = '', fallback] = inner.split(/\s*,\s*/);
    const found = lookup(ctx.keys, name.trim());
    if (found !== undefined && found.length === 1 && found[0] !== undefined) return found[0];
    const quoted = fallback === undefined ? undefined : /^'(.*)'$/.exec(fallback)?.[1];
    if (quoted !== undefined) return quoted;
    unset = true;
    return '';
  });
  return unset ? undefined : out;
}

function parseDate(text: string): number | undefined {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let out = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    out = out * 256 + n;
  }
  return out;
}

function ipInCidr(ip: string, cidr: string): boolean {
  const [base = '', bitsText = '32'] = cidr.split('/');
  const addr = ipv4ToInt(ip.replace(/^::ffff:/, ''));
  const net = ipv4ToInt(base);
  const bits = Number(bitsText);
  if (addr === undefined || net === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(addr / size) === Math.floor(net / size);
}

/** The positive form of `base` for one context value against one policy value. */
function positiveMatch(base: string, ctxValue: string, policyValue: string): boolean {
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals':
    case 'ArnEquals':
    case 'ArnNotEquals':
      return base.startsWith('Arn') ? wildcardMatch(policyValue, ctxValue) : ctxValue === policyValue;
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return ctxValue.toLowerCase() === policyValue.toLowerCase();
    case 'StringLike':
    case 'StringNotLike':
    case 'ArnLike':
    case 'ArnNotLike':
      return wildcardMatch(policyValue, ctxValue);
    case 'Bool':
      return ctxValue.toLowerCase() === policyValue.toLowerCase();
    case 'BinaryEquals':
      return ctxValue === policyValue;
    case 'IpAddress':
    case 'NotIpAddress':
      return ipInCidr(ctxValue, policyValue);
    default:
      break;
  }
  if (base.startsWith('Numeric') || base.startsWith('Date')) {
    const parse = base.startsWith('Numeric') ? (t: string) => (t.trim() === '' ? Number.NaN : Number(t)) : parseDate;
    const a = parse(ctxValue);
    const b = parse(policyValue);
    if (a === undefined || b === undefined || Number.isNaN(a) || Number.isNaN(b)) return false;
    const relation = base.replace(/^(Numeric|Date)/, '');
    switch (relation) {
      case 'Equals':
      case 'NotEquals':
        return a === b;
      case 'LessThan':
        return a < b;
      case 'LessThanEquals':
        return a <= b;
      case 'GreaterThan':
        return a > b;
      case 'GreaterThanEquals':
        return a >= b;
      default:
        return false;
    }
  }
  return false;
}

/** Evaluates one condition operator for one key: multiple policy values are ORed. */
export function evaluateCondition(operator: string, key: string, policyValues: readonly string[], ctx: RequestContext, version = '2012-10-17'): boolean {
  const op = parseOperator(operator);
  if (op === undefined) return false;
  const ctxValues = lookup(ctx.keys, key);
  if (op.base === 'Null') {
    const absent = ctxValues === undefined || ctxValues.length === 0;
    return policyValues.some((v) => (v.toLowerCase() === 'true' ? absent : !absent));
  }
  const values = policyValues.map((v) => substitute(v, ctx, version)).filter((v): v is string => v !== undefined);
  const negated = NEGATED.has(op.base);
  const single = (ctxValue: string): boolean => {
    const any = values.some((pv) => positiveMatch(op.base, ctxValue, pv));
    return negated ? !any : any;
  };
  if (ctxValues === undefined || ctxValues.length === 0) {
    if (op.ifExists) return true;
    if (op.set === 'ForAllValues') return true;
    if (op.set === 'ForAnyValue') return false;
    return negated;
  }
  if (op.set === 'ForAllValues') return ctxValues.every(single);
  if (op.set === 'ForAnyValue') return ctxValues.some(single);
  // A plain operator on a multi-valued key: positive operators need one matching value,
  // negated ones need none of the values to match.
  return negated ? ctxValues.every(single) : ctxValues.some(single);
}

/** All operators and all keys must hold (AND); values within a key are ORed. */
export function conditionsHold(condition: ConditionBlock, ctx: RequestContext, version = '2012-10-17'): boolean {
  for (const [operator, keys] of Object.entries(condition)) {
    for (const [key, values] of Object.entries(keys)) {
      if (!evaluateCondition(operator, key, values, ctx, version)) return false;
    }
  }
  return true;
}

function principalMatches(spec: PrincipalSpec, principal: RequestContext['principal']): boolean {
  if (spec === '*') return true;
  if (principal === undefined) return false;
  const ids = spec[principal.type];
  if (ids === undefined) return false;
  const names = [principal.id, ...(principal.aliases ?? [])];
  return ids.some((id) => id === '*' || names.includes(id));
}

function actionMatches(patterns: readonly string[], action: string): boolean {
  return patterns.some((p) => wildcardMatch(p, action, true));
}

function resourceMatches(patterns: readonly string[], resource: string, ctx: RequestContext, version: string): boolean {
  return patterns.some((p) => {
    const pattern = substitute(p, ctx, version);
    return pattern !== undefined && wildcardMatch(pattern, resource);
  });
}

export function statementApplies(statement: Statement, ctx: RequestContext, version = '2012-10-17'): boolean {
  if (statement.principal !== undefined && !principalMatches(statement.principal, ctx.principal)) return false;
  if (statement.notPrincipal !== undefined && principalMatches(statement.notPrincipal, ctx.principal)) return false;
  if (statement.action !== undefined && !actionMatches(statement.action, ctx.action)) return false;
  if (statement.notAction !== undefined && actionMatches(statement.notAction, ctx.action)) return false;
  const resource = ctx.resource ?? '*';
  if (statement.resource !== undefined && !resourceMatches(statement.resource, resource, ctx, version)) return false;
  if (statement.notResource !== undefined && resourceMatches(statement.notResource, resource, ctx, version)) return false;
  return conditionsHold(statement.condition, ctx, version);
}

/** The statements of the policies that apply to a request, in order (for DecodeAuthorizationMessage). */
export function matchingStatements<P extends Policy>(policies: readonly P[], ctx: RequestContext): Array<{ policy: P; statement: Statement }> {
  const out: Array<{ policy: P; statement: Statement }> = [];
  for (const policy of policies) {
    for (const statement of policy.statements) if (statementApplies(statement, ctx, policy.version)) out.push({ policy, statement });
  }
  return out;
}

/** Standard IAM logic over a set of policies: an explicit Deny wins, then any Allow. */
export function evaluatePolicies(policies: readonly Policy[], ctx: RequestContext): Decision {
  let allowed = false;
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (!statementApplies(statement, ctx, policy.version)) continue;
      if (statement.effect === 'Deny') return 'ExplicitDeny';
      allowed = true;
    }
  }
  return allowed ? 'Allow' : 'ImplicitDeny';
}
