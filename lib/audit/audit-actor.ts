// The acting person as the audit records them.
import type { Actor } from '@/lib/auth/actor';
import type { AuditActor } from './append-audit-event';

export function auditActorOf(actor: Actor): AuditActor {
  return { sub: actor.sub, email: actor.email, name: actor.name, groups: actor.groups, idpKind: actor.idpKind };
}
