// Pure: the part of a locale's catalogs a client component is given. Client components get only
// the namespaces they name (plus `common`), never every catalog: the rest would be shipped in
// every page's HTML for nothing. A dotted name (`explain.sts`) picks one part of a namespace.
export type Messages = Record<string, unknown>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const out: Messages = {};
  for (const name of new Set(['common', ...namespaces])) {
    const [ns = '', ...rest] = name.split('.');
    let from: unknown = messages[ns];
    if (from === undefined) continue;
    if (rest.length === 0) {
      out[ns] = from;
      continue;
    }
    // Copy the path down to the picked part, merging with what earlier picks copied.
    let into = (out[ns] = isObject(out[ns]) ? out[ns] : {}) as Record<string, unknown>;
    for (const [i, key] of rest.entries()) {
      if (!isObject(from) || !(key in from)) break;
      from = from[key];
      if (i === rest.length - 1) into[key] = from;
      else into = (into[key] = isObject(into[key]) ? into[key] : {}) as Record<string, unknown>;
    }
  }
  return out;
}
