// Pure: until when a person holds live credentials per mapping — their successful issuances that
// have not expired and that no revocation in force has cut off (a revocation denies sessions of
// its roles issued before its `revokedBefore`; a person revocation only those of that person).
export interface IssuedEvent {
  mappingId: string;
  roleArn: string;
  issuedAt: Date;
  expiresAt: Date;
}

export interface RevocationInForce {
  kind: 'ROLE' | 'PERSON';
  roleArns: readonly string[];
  revokedBefore: Date;
  /** PERSON: whose sessions (the person looked at is compared by the caller's query). */
  appliesToPerson: boolean;
}

export function liveUntil(opts: { issued: readonly IssuedEvent[]; revocations: readonly RevocationInForce[]; now: Date }): Map<string, Date> {
  const out = new Map<string, Date>();
  for (const e of opts.issued) {
    if (e.expiresAt.getTime() <= opts.now.getTime()) continue;
    const cut = opts.revocations.some((r) => (r.kind === 'ROLE' || r.appliesToPerson) && r.roleArns.includes(e.roleArn) && r.revokedBefore.getTime() > e.issuedAt.getTime());
    if (cut) continue;
    const prev = out.get(e.mappingId);
    if (!prev || prev.getTime() < e.expiresAt.getTime()) out.set(e.mappingId, e.expiresAt);
  }
  return out;
}
