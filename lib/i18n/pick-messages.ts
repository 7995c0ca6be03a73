// Pure: the part of a locale's catalogs a client component is given. Client components get only
// the namespaces they name (plus `common`), never every catalog: the rest would be shipped in
// every page's HTML for nothing.
export type Messages = Record<string, unknown>;

export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const out: Messages = {};
  for (const ns of new Set(['common', ...namespaces])) {
    if (ns in messages) out[ns] = messages[ns];
  }
  return out;
}
