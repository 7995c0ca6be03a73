// A sandbox-only service action, so a refusal with an encoded authorization failure message can be
// seen end to end: `ReadDemoSecret` (Version 2026-12-01, SigV4 service `sandbox`) reads a named
// demo secret, `arn:aws:sandbox:<region>:<account>:secret/<name>`, if the session's policies allow
// `sandbox:ReadDemoSecret` on it. A refusal answers as EC2 does ("Client.UnauthorizedOperation",
// HTTP 403), with AWS's refusal sentence and "Encoded authorization failure message: <text>"
// (STS API Reference, DecodeAuthorizationMessage), which DecodeAuthorizationMessage in the same
// account opens. Revocation deny policies (Keyport's aws:TokenIssueTime denies) refuse it too.
import type { ActionContext, Params } from './actions';
import type { Caller } from './auth';
import { describeRefusal, type AuthorizationMessages } from './authorization-message';
import { evaluateSession, refusalMessage } from './authorize';
import { accessDenied, unauthorizedOperation } from './errors';
import { checkString, Violations } from './validation';
import { el, type XmlChild } from './xml';

export const DEMO_VERSION = '2026-12-01';
export const DEMO_SERVICE = 'sandbox';
export const DEMO_NS = 'https://sandbox.keyport.invalid/doc/2026-12-01/';
export const DEMO_ACTION = 'ReadDemoSecret';

export function readDemoSecret(params: Params, caller: Caller, ctx: ActionContext, messages: AuthorizationMessages): XmlChild[] {
  const v = new Violations();
  const name = params.get('SecretName');
  checkString(v, name, 'secretName', { required: true, min: 1, max: 64, pattern: /^[\w-]+$/, patternText: '[\\w-]+' });
  v.throwIfAny();
  if (caller.kind !== 'session') throw accessDenied('Only role sessions may read demo secrets.');
  const session = caller.session;
  const resource = `arn:aws:sandbox:${ctx.region ?? 'us-east-1'}:${session.account}:secret/${name ?? ''}`;
  const action = 'sandbox:ReadDemoSecret';
  const evaluation = evaluateSession({ world: ctx.world, state: ctx.state, session, action, resource, now: ctx.now(), region: ctx.region, sourceIp: ctx.sourceIp, mode: 'allow-required' });
  if (!evaluation.allowed) {
    const encoded = messages.encode(session.account, describeRefusal(session, action, resource, evaluation));
    throw unauthorizedOperation(`You are not authorized to perform this operation. ${refusalMessage({ session, action, resource }, evaluation.reason ?? '')}. Encoded authorization failure message: ${encoded}`);
  }
  return [el('SecretName', name), el('SecretValue', `demo secret ${name ?? ''} of ${session.account}`)];
}
