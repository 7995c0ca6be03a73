// Pure: the first string in a parsed JSON value (keys included) that holds a control character,
// and where. PostgreSQL cannot store U+0000 in text (the insert fails), and the other C0/C1
// controls and the bidirectional overrides (Trojan Source, CVE-2021-42574) make what reviewers
// read differ from what is stored. Tab, line feed and carriage return stay allowed: policies and
// descriptions are multi-line.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

export function findControlCharacter(value: unknown, path: string[] = []): { path: string; codePoint: string } | null {
  if (typeof value === 'string') {
    const m = CONTROL.exec(value);
    return m ? { path: path.join('.') || 'body', codePoint: `U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findControlCharacter(value[i], [...path, String(i)]);
      if (hit) return hit;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const inKey = findControlCharacter(k, [...path, '(key)']);
      if (inKey) return { ...inKey, path: [...path].join('.') || 'body' };
      const hit = findControlCharacter(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return null;
}

/** The same check for one string from a URL (query parameter or path segment). */
export function hasControlCharacter(s: string): boolean {
  return CONTROL.test(s);
}
