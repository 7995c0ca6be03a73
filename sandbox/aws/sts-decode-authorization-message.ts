// STS DecodeAuthorizationMessage: SigV4-signed; the caller needs sts:DecodeAuthorizationMessage
// ("a user must be granted permissions through an IAM policy to request the
// DecodeAuthorizationMessage (sts:DecodeAuthorizationMessage) action" — STS API Reference) and
// must be in the account whose request was refused. EncodedMessage: 1–10240 characters.
import type { ActionContext, Params } from './actions';
import { callerAccount, type Caller } from './auth';
import type { AuthorizationMessages } from './authorization-message';
import { authorizeSession } from './authorize';
import { checkString, Violations } from './validation';
import { el, type XmlChild } from './xml';

export function decodeAuthorizationMessage(params: Params, caller: Caller, ctx: ActionContext, messages: AuthorizationMessages): XmlChild[] {
  const v = new Violations();
  const encoded = params.get('EncodedMessage');
  checkString(v, encoded, 'encodedMessage', { required: true, min: 1, max: 10240 });
  v.throwIfAny();
  if (caller.kind === 'session') {
    authorizeSession({ world: ctx.world, state: ctx.state, session: caller.session, action: 'sts:DecodeAuthorizationMessage', resource: '*', now: ctx.now(), region: ctx.region, sourceIp: ctx.sourceIp, mode: 'allow-required' });
  }
  return [el('DecodedMessage', messages.decode(callerAccount(caller), encoded ?? ''))];
}
