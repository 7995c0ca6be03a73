// AWS's request-parameter validation messages: "1 validation error detected: Value '899' at
// 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900".
import { validationError, type AwsError } from './errors';

export class Violations {
  private readonly items: string[] = [];

  /** `value` undefined renders as AWS's `Value null`. */
  add(value: string | undefined, member: string, constraint: string): void {
    const shown = value === undefined ? 'null' : `'${value}'`;
    this.items.push(`Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
  }

  get count(): number {
    return this.items.length;
  }

  toError(): AwsError | undefined {
    if (this.items.length === 0) return undefined;
    const n = this.items.length;
    return validationError(`${n} validation error${n === 1 ? '' : 's'} detected: ${this.items.join('; ')}`);
  }

  throwIfAny(): void {
    const error = this.toError();
    if (error !== undefined) throw error;
  }
}

export interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  patternText?: string;
  /** Never echo the value (tokens, assertions): AWS-style message with a placeholder. */
  secret?: boolean;
}

export function checkString(v: Violations, value: string | undefined, member: string, rule: StringRule): void {
  const shown = rule.secret === true && value !== undefined ? '***' : value;
  if (value === undefined) {
    if (rule.required === true) v.add(undefined, member, 'Member must not be null');
    return;
  }
  if (rule.min !== undefined && value.length < rule.min) {
    v.add(shown, member, `Member must have length greater than or equal to ${rule.min}`);
  }
  if (rule.max !== undefined && value.length > rule.max) {
    v.add(shown, member, `Member must have length less than or equal to ${rule.max}`);
  }
  if (rule.pattern !== undefined && !rule.pattern.test(value)) {
    v.add(shown, member, `Member must satisfy regular expression pattern: ${rule.patternText ?? rule.pattern.source}`);
  }
}

/** Parses an integer member; a non-integer is reported like AWS's query parser does. */
export function checkInteger(
  v: Violations,
  value: string | undefined,
  member: string,
  bounds: { min?: number; max?: number },
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) {
    v.add(value, member, 'Member must be an integer');
    return undefined;
  }
  const n = Number(value.trim());
  if (bounds.min !== undefined && n < bounds.min) v.add(value, member, `Member must have value greater than or equal to ${bounds.min}`);
  if (bounds.max !== undefined && n > bounds.max) v.add(value, member, `Member must have value less than or equal to ${bounds.max}`);
  return n;
}

/** The `[\w+=,.@-]*` family of IAM/STS name patterns. */
export const NAME_PATTERN = /^[\w+=,.@-]*$/;
export const NAME_PATTERN_TEXT = '[\\w+=,.@-]*';
export const ARN_PATTERN = /^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]+$/u;
export const ARN_PATTERN_TEXT = '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+';
