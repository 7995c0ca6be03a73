// Reads checkpoints (and event hashes) kept outside the database for `audit:verify --checkpoints`.
// Pure. Accepts JSON Lines as Keyport's sinks write them — the file sink's lines, a Splunk HEC
// envelope ({"event": …}), an Elastic bulk body (action lines are skipped) — and bare checkpoint
// objects. An AUDIT_CHECKPOINT event contributes its checkpoint; every event with a chain position
// and hash contributes that hash as a witness, which lets verification name the exact event that
// was rewritten. Lines that are none of these are ignored; the count is reported.
import type { SourcedCheckpoint, Witness } from './checkpoint-check';
import { parseCheckpoint } from './checkpoint-signature';
import type { ExternalRecord } from './verify-audit-chain';

export function parseExternalRecord(text: string, label: string): ExternalRecord & { ignored: number } {
  const checkpoints: SourcedCheckpoint[] = [];
  const witnesses = new Map<string, Witness>();
  let ignored = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    if (!line) continue;
    const source = `${label} line ${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      ignored++;
      continue;
    }
    if (v && typeof v === 'object' && 'event' in v && typeof (v as { event: unknown }).event === 'object') v = (v as { event: unknown }).event;
    const o = (v ?? {}) as Record<string, unknown>;
    const bare = parseCheckpoint(o);
    if (bare) {
      checkpoints.push({ checkpoint: bare, source });
      continue;
    }
    let used = false;
    if (o.type === 'AUDIT_CHECKPOINT') {
      const cp = parseCheckpoint(o.details);
      if (cp) {
        checkpoints.push({ checkpoint: cp, source });
        used = true;
      }
    }
    if (typeof o.seq === 'string' && /^\d+$/.test(o.seq) && typeof o.hash === 'string' && /^[0-9a-f]{64}$/.test(o.hash)) {
      witnesses.set(o.seq, { hash: o.hash, source });
      used = true;
    }
    if (!used) ignored++;
  }
  return { checkpoints, witnesses, ignored };
}
