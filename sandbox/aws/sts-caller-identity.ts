// STS GetCallerIdentity: answers who signed the request.
import type { ActionContext } from './actions';
import { callerAccount, callerArn, callerUserId, type Caller } from './auth';
import { authorizeSession } from './authorize';
import { el, type XmlChild } from './xml';

export function getCallerIdentity(caller: Caller, ctx: ActionContext): XmlChild[] {
  if (caller.kind === 'session') {
    // Real AWS answers GetCallerIdentity even when a policy denies it. Keyport's revocation
    // (a DateLessThan aws:TokenIssueTime deny put on the role) must be demonstrable with the
    // cheapest signed call there is, so the sandbox deliberately honours explicit denies here.
    authorizeSession({
      world: ctx.world,
      state: ctx.state,
      session: caller.session,
      action: 'sts:GetCallerIdentity',
      resource: '*',
      now: ctx.now(),
      region: ctx.region,
      sourceIp: ctx.sourceIp,
      mode: 'deny-only',
    });
  }
  return [el('UserId', callerUserId(caller)), el('Account', callerAccount(caller)), el('Arn', callerArn(caller))];
}
