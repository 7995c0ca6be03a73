// Pure: is a mapping's IdP group a lookalike — written in mixed scripts, or confusable with a
// different group of another mapping? Such a group can pass for another in a review ("pаypal-admins"
// with a Cyrillic а is not "paypal-admins", and grants what a reader would not expect), so Keyport
// stores it only when the admin confirms it, and marks it in the mapping list.
import { groupSkeleton } from './group-skeleton';
import { mixedScript, type MixedScript } from './mixed-script';

export interface LookalikeGroup {
  group: string;
  /** UTS #39 §5.1: the scripts found, when the group mixes scripts. */
  mixedScript: MixedScript | null;
  /** UTS #39 §4: the other groups with the same skeleton (never the group itself), sorted. */
  looksLike: string[];
}

function finding(group: string, others: readonly string[]): LookalikeGroup | null {
  const mixed = mixedScript(group);
  const looksLike = [...new Set(others)].sort();
  return mixed || looksLike.length > 0 ? { group, mixedScript: mixed, looksLike } : null;
}

/** One group against the groups of the other mappings. The same group (NFC-equal) is not "another". */
export function findLookalikeGroup(opts: { group: string; otherGroups: Iterable<string> }): LookalikeGroup | null {
  const group = opts.group.normalize('NFC');
  const skeleton = groupSkeleton(group);
  const others: string[] = [];
  for (const g of opts.otherGroups) {
    const other = g.normalize('NFC');
    if (other !== group && groupSkeleton(other) === skeleton) others.push(other);
  }
  return finding(group, others);
}

/** Every group of a list against all the others (one skeleton per group): for the mapping list and imports. */
export function findLookalikeGroups(groups: Iterable<string>): Map<string, LookalikeGroup> {
  const bySkeleton = new Map<string, Set<string>>();
  for (const g of groups) {
    const group = g.normalize('NFC');
    const skeleton = groupSkeleton(group);
    const same = bySkeleton.get(skeleton) ?? new Set<string>();
    same.add(group);
    bySkeleton.set(skeleton, same);
  }
  const result = new Map<string, LookalikeGroup>();
  for (const same of bySkeleton.values()) {
    for (const group of same) {
      const f = finding(group, [...same].filter((g) => g !== group));
      if (f) result.set(group, f);
    }
  }
  return result;
}

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The scripts in a mixed group, e.g. "Latin and Cyrillic". */
export function scriptsOf(f: LookalikeGroup): string {
  return list(f.mixedScript?.scripts.map((s) => s.script) ?? []);
}

/** What is wrong, in plain words, naming the scripts and the group it looks like. */
export function describeLookalike(f: LookalikeGroup): string {
  const parts: string[] = [];
  const scripts = f.mixedScript?.scripts ?? [];
  if (scripts.length > 0) {
    // The characters of every script but the first (usually the odd ones out), with their code points.
    const odd = scripts.slice(1).map((s) => `${s.script}: ${s.chars.slice(0, 5).map((c) => `"${c}" ${codePoint(c)}`).join(', ')}`);
    parts.push(`mixes ${scriptsOf(f)} letters (${odd.join('; ')})`);
  }
  if (f.looksLike.length > 0) {
    const shown = f.looksLike.slice(0, 3).map((g) => `"${g}"`);
    parts.push(`looks like the group ${list(shown)}${f.looksLike.length > 3 ? ' (and others)' : ''} of another mapping`);
  }
  return `The IdP group "${f.group}" ${parts.join(' and ')}, so it can pass for a different group. Check the exact name with your IdP; if it is right, confirm it and save again.`;
}

/** The short text of the warning badge in the mapping list. */
export function lookalikeBadge(f: LookalikeGroup): string {
  const parts: string[] = [];
  if (f.mixedScript) parts.push(`mixes ${scriptsOf(f)}`);
  if (f.looksLike.length > 0) parts.push(`looks like ${list(f.looksLike.slice(0, 3).map((g) => `"${g}"`))}`);
  return `Lookalike group: ${parts.join('; ')}`;
}

/** What the audit event records when an admin confirms a lookalike group. */
export function lookalikeAuditDetail(f: LookalikeGroup): { confirmed: true; group: string; scripts: string[]; looksLike: string[] } {
  return { confirmed: true, group: f.group, scripts: f.mixedScript?.scripts.map((s) => s.script) ?? [], looksLike: f.looksLike };
}
