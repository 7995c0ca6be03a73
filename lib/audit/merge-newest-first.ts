// Merges the pages of several keyset branches (buildAuditBranches) into one page. Pure. Each list
// holds a branch's first `limit` rows in AUDIT_ORDER after the same cursor; a row of the union's
// first `limit` is among its own branch's first `limit`, so the merge is exact. A row matched by
// two branches appears once.
export function mergeNewestFirst<T extends { id: bigint; occurredAt: Date }>(lists: T[][], limit: number): T[] {
  if (lists.length === 1) return (lists[0] ?? []).slice(0, limit);
  const seen = new Set<bigint>();
  const all: T[] = [];
  for (const list of lists) {
    for (const row of list) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      all.push(row);
    }
  }
  all.sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (b.id > a.id ? 1 : b.id < a.id ? -1 : 0));
  return all.slice(0, limit);
}
