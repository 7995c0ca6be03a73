// The sandbox IdP's user directory: the demo people, their current groups (which the people
// admin page and `setGroups` can change) and password checks. Pure: no I/O.
import { createHash, timingSafeEqual } from 'node:crypto';

import type { DemoPerson } from '../people';

/** A group name as an IdP would send it; also what AWS condition keys can hold comfortably. */
const GROUP_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$/;
const MAX_GROUPS = 100;

/**
 * The `sub` of a demo person: opaque, stable across restarts and machines, derived from the
 * username so seeds and tests can compute it without asking the IdP.
 */
export function subjectFor(username: string): string {
  return createHash('sha256').update(`keyport-sandbox-oidc:${username}`).digest('base64url').slice(0, 27);
}

export class InvalidGroupsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidGroupsError';
  }
}

/** Normalises a group list: trimmed, empty entries dropped, duplicates removed, order kept. */
export function normaliseGroups(groups: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of groups) {
    const group = raw.trim();
    if (!group || out.includes(group)) continue;
    if (!GROUP_PATTERN.test(group)) {
      throw new InvalidGroupsError(
        `"${group}" is not a valid group name: use letters, digits and . _ : @ / + = - (at most 128 characters)`,
      );
    }
    out.push(group);
  }
  if (out.length > MAX_GROUPS) throw new InvalidGroupsError(`at most ${MAX_GROUPS} groups per person`);
  return out;
}

/** Parses the people page's text field: groups separated by commas and/or new lines. */
export function parseGroupList(text: string): string[] {
  return normaliseGroups(text.split(/[,\r\n]+/));
}

function sameSecret(given: string, expected: string): boolean {
  // Hash both sides so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export interface DirectoryEntry {
  readonly sub: string;
  readonly person: DemoPerson;
}

export interface Directory {
  /** Copies of the people with their current groups. */
  people(): DemoPerson[];
  findByUsername(username: string): DirectoryEntry | undefined;
  findBySub(sub: string): DirectoryEntry | undefined;
  /** The person if the username and password match; `undefined` otherwise (same work either way). */
  authenticate(username: string, password: string): DirectoryEntry | undefined;
  /** Replaces a person's groups; returns the normalised list. Throws for unknown people or bad names. */
  setGroups(username: string, groups: readonly string[]): string[];
  /** The groups changed since start-up (what a state file persists). */
  groupOverrides(): Record<string, string[]>;
}

/**
 * Builds the directory from the people who may sign in to the OIDC IdP (`idp` of `oidc` or
 * `both`); `overrides` are previously saved group edits and win over the people's defaults.
 */
export function createDirectory(
  people: readonly DemoPerson[],
  overrides: Readonly<Record<string, readonly string[]>> = {},
): Directory {
  const entries = new Map<string, { sub: string; person: DemoPerson }>();
  const bySub = new Map<string, string>();
  const edited = new Map<string, string[]>();

  for (const person of people) {
    if (person.idp === 'saml') continue;
    if (entries.has(person.username)) throw new Error(`duplicate demo person "${person.username}"`);
    const sub = subjectFor(person.username);
    entries.set(person.username, { sub, person: { ...person, groups: normaliseGroups(person.groups) } });
    bySub.set(sub, person.username);
  }
  for (const [username, groups] of Object.entries(overrides)) {
    const entry = entries.get(username);
    if (!entry) continue; // a person removed from the demo set since the state was saved
    entry.person = { ...entry.person, groups: normaliseGroups(groups) };
    edited.set(username, [...entry.person.groups]);
  }

  const snapshot = (entry: { sub: string; person: DemoPerson }): DirectoryEntry => ({
    sub: entry.sub,
    person: { ...entry.person, groups: [...entry.person.groups] },
  });

  return {
    people: () => [...entries.values()].map((e) => snapshot(e).person),
    findByUsername(username) {
      const entry = entries.get(username);
      return entry && snapshot(entry);
    },
    findBySub(sub) {
      const username = bySub.get(sub);
      const entry = username === undefined ? undefined : entries.get(username);
      return entry && snapshot(entry);
    },
    authenticate(username, password) {
      const entry = entries.get(username);
      // Compare against a dummy when the user is unknown so both failures cost the same.
      const ok = sameSecret(password, entry ? entry.person.password : '\u0000no-such-user');
      return ok && entry ? snapshot(entry) : undefined;
    },
    setGroups(username, groups) {
      const entry = entries.get(username);
      if (!entry) throw new Error(`unknown person "${username}" in the sandbox OIDC IdP`);
      const normalised = normaliseGroups(groups);
      entry.person = { ...entry.person, groups: normalised };
      edited.set(username, [...normalised]);
      return [...normalised];
    },
    groupOverrides: () => Object.fromEntries([...edited].map(([u, g]) => [u, [...g]])),
  };
}
