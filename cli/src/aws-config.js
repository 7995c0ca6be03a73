// Rewrites the profiles `keyport configure` manages in ~/.aws/config and leaves every other byte as
// it was. A managed profile carries the marker comment; only those are ever replaced or (with
// --prune) removed. A profile of the same name without the marker is someone else's: left alone
// and reported. Pure.

export const MARKER = '# Managed by keyport configure';

/** @typedef {{ profile: string; roleArn: string; settings: [string, string][] }} DesiredProfile */
/** @typedef {{ key: string | null; lines: string[] }} Section */

const HEADER = /^\s*\[\s*([^\]]*?)\s*\]\s*(?:[#;].*)?$/;

/** The file as sections, each with its lines (line endings kept); the first has no header. @param {string} text @returns {Section[]} */
export function splitSections(text) {
  /** @type {Section[]} */
  const sections = [{ key: null, lines: [] }];
  for (const line of text.split(/(?<=\n)/)) {
    if (line === '') continue;
    const m = HEADER.exec(line.replace(/\r?\n$/, ''));
    if (m) sections.push({ key: (m[1] ?? '').replace(/\s+/g, ' '), lines: [line] });
    else sections[sections.length - 1]?.lines.push(line);
  }
  return sections;
}

/** @param {Section} s */
const isManaged = (s) => s.key !== null && s.lines.some((l) => l.startsWith(MARKER));

/**
 * How many of a managed section's lines are keyport's (header, marker, settings, blank lines):
 * anything after them (a comment for the next section) is kept.
 * @param {Section} s
 */
function managedLength(s) {
  let n = 1;
  while (n < s.lines.length) {
    const l = (s.lines[n] ?? '').replace(/\r?\n$/, '');
    if (l.startsWith(MARKER) || /^\s*$/.test(l) || /^[A-Za-z0-9_.-]+\s*=/.test(l)) n++;
    else break;
  }
  // Blank lines before a kept comment stay with it.
  while (n > 1 && n < s.lines.length && /^\s*\r?\n?$/.test(s.lines[n - 1] ?? '')) n--;
  return n;
}

/** @param {DesiredProfile} d */
export function renderProfile(d) {
  const lines = [`[profile ${d.profile}]`, `${MARKER} (role ${d.roleArn}); it rewrites this profile, and --prune removes it.`, ...d.settings.map(([k, v]) => `${k} = ${v}`)];
  return `${lines.join('\n')}\n`;
}

/**
 * @param {string} text the current file ('' when there is none)
 * @param {DesiredProfile[]} desired
 * @param {{ prune: boolean }} opts
 * @returns {{ text: string; added: string[]; updated: string[]; unchanged: string[]; removed: string[]; skipped: string[] }}
 */
export function updateAwsConfig(text, desired, opts) {
  const want = new Map(desired.map((d) => [`profile ${d.profile}`, d]));
  const done = new Set();
  /** @type {{ added: string[]; updated: string[]; unchanged: string[]; removed: string[]; skipped: string[] }} */
  const r = { added: [], updated: [], unchanged: [], removed: [], skipped: [] };
  let out = '';
  for (const s of splitSections(text)) {
    const whole = s.lines.join('');
    const d = s.key === null ? undefined : want.get(s.key);
    if (s.key !== null && d && !done.has(s.key)) {
      done.add(s.key);
      if (!isManaged(s)) {
        r.skipped.push(d.profile);
        out += whole;
        continue;
      }
      const n = managedLength(s);
      const mine = s.lines.slice(0, n).join('');
      const rest = s.lines.slice(n).join('');
      const fresh = renderProfile(d) + (/\n\s*\n$/.test(mine) || rest ? '\n' : '');
      (fresh === mine ? r.unchanged : r.updated).push(d.profile);
      out += fresh + rest;
      continue;
    }
    if (opts.prune && isManaged(s) && !(s.key !== null && want.has(s.key))) {
      r.removed.push((s.key ?? '').replace(/^profile /, ''));
      out += s.lines.slice(managedLength(s)).join('');
      continue;
    }
    out += whole;
  }
  for (const d of desired) {
    if (done.has(`profile ${d.profile}`)) continue;
    if (out.length > 0 && !out.endsWith('\n')) out += '\n';
    if (out.length > 0 && !out.endsWith('\n\n')) out += '\n';
    out += renderProfile(d);
    r.added.push(d.profile);
  }
  return { text: out, ...r };
}
