// "Why was I denied?": decodes an encoded authorization failure message for the person it is
// about. In order:
//   1. read the pasted text (read-denial-text.ts): the encoded message, and the account (from
//      AWS's "User: arn:…" or the person's choice) — bad input is a 422, audited;
//   2. decode it with the decoder role of that account (aws-decoder.ts; DECODER_ROLE_NAME);
//   3. who may read it: the decoded `context.principal` names the session that was refused. Only
//      the person to whom Keyport issued that session (an ISSUE_SUCCEEDED or a chain's
//      ISSUE_HOP_SUCCEEDED of theirs with that assumed-role ARN, found in the audit, scoped to the
//      actor in the query), or a reviewer (the audit:read permission) — otherwise 403;
//   4. every attempt is audited (AUTHORIZATION_MESSAGE_DECODED: success, denied or failure) with a
//      summary — principal, action, resource, verdict, matched statement ids — never the whole message.
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { auditActorOf } from '@/lib/audit/audit-actor';
import type { Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import type { Logger } from '@/lib/log/logger';
import type { AwsDecoder } from './aws-decoder';
import { explainDecodedMessage, parseDecodedMessage, type DecodedExplanation } from './explain-decoded-message';
import { readDenialText } from './read-denial-text';

export interface DecodeDeps {
  db: Db;
  log: Logger;
  /** Null when DECODER_ROLE_NAME is not configured. */
  decoder: AwsDecoder | null;
}

export interface DecodeContext {
  requestId: string;
  sourceIp: string | null;
  userAgent: string | null;
}

export interface DecodeResult {
  accountId: string;
  explanation: DecodedExplanation;
  /** AWS's decoded document, pretty-printed, for the raw view. */
  rawJson: string;
  /** Why this person may read it. */
  readAs: 'issued-to-you' | 'reviewer';
}

const ACCOUNT = /^\d{12}$/;

export async function decodeAuthorizationMessageFor(opts: { actor: Actor; text: string; accountId?: string | undefined; context: DecodeContext; deps: DecodeDeps }): Promise<DecodeResult> {
  const { actor, deps, context } = opts;
  const audit = async (outcome: 'success' | 'denied' | 'failure', accountId: string | null, details: Record<string, unknown>, extra: { roleArn?: string | null; sessionName?: string | null; errorCode?: string | null } = {}) => {
    await recordAuditEvent(deps.db, {
      type: 'AUTHORIZATION_MESSAGE_DECODED',
      actor: auditActorOf(actor),
      outcome,
      requestId: context.requestId,
      sourceIp: context.sourceIp,
      userAgent: context.userAgent,
      accountId,
      roleArn: extra.roleArn ?? null,
      sessionName: extra.sessionName ?? null,
      errorCode: extra.errorCode ?? null,
      details,
    });
  };
  // A refusal that cannot be audited is still a refusal; a success that cannot be is withheld.
  const refuse = async (error: AppError, outcome: 'denied' | 'failure', accountId: string | null, details: Record<string, unknown>, extra: Parameters<typeof audit>[3] = {}): Promise<never> => {
    await audit(outcome, accountId, { ...details, refused: error.message }, extra).catch((e: unknown) => deps.log.error('could not record a refused decode', { error: e }));
    throw error;
  };

  // 1. The text and the account.
  const text = readDenialText(opts.text);
  if (!text.encoded) {
    return refuse(new AppError('invalid_input', 'Paste the error AWS gave you, with its "Encoded authorization failure message: …" part (or that encoded text alone).', { fields: { message: 'No encoded authorization message found.' }, detail: { decode: 'noMessage' } }), 'failure', null, { reason: 'no encoded message' });
  }
  const chosen = opts.accountId?.trim() ?? '';
  if (chosen !== '' && !ACCOUNT.test(chosen)) return refuse(new AppError('invalid_input', 'An AWS account id is 12 digits.', { fields: { accountId: '12 digits.' }, detail: { decode: 'badAccount' } }), 'failure', null, { reason: 'bad account id' });
  const accountId = chosen || text.accountId;
  if (!accountId) {
    return refuse(new AppError('invalid_input', 'Choose the AWS account of the request AWS refused: only that account can decode its message.', { fields: { accountId: 'Choose the account.' }, detail: { decode: 'noAccount' } }), 'failure', null, { reason: 'no account' });
  }
  if (!deps.decoder) {
    return refuse(new AppError('unavailable', 'Decoding is not set up in this Keyport (no DECODER_ROLE_NAME). Ask the platform team, or ask a security reviewer to decode the message for you.', { detail: { decode: 'notConfigured' } }), 'failure', accountId, { reason: 'not configured' });
  }

  // 2. Decode in that account.
  const answer = await deps.decoder.decode({ partition: text.partition, accountId, encoded: text.encoded });
  if (!answer.ok) {
    deps.log.warn('DecodeAuthorizationMessage failed', { accountId, step: answer.step, code: answer.code });
    const error =
      answer.step === 'decode' && answer.code === 'InvalidAuthorizationMessage'
        ? new AppError('invalid_input', `AWS could not decode this message in account ${accountId}. It was made in another account (choose that one), was cut short when copied, or has expired.`, { fields: { message: 'AWS could not decode it.' }, detail: { decode: 'otherAccount', accountId } })
        : new AppError('upstream', `Keyport could not decode messages in account ${accountId} (${answer.step === 'assume-decoder-role' ? 'its decoder role could not be assumed' : 'its decoder role may not decode'}: ${answer.code}). Ask the platform team to set up the decoder role there (docs/aws-setup.md).`, { detail: { decode: 'decoderFailed', accountId, code: answer.code } });
    return refuse(error, 'failure', accountId, { reason: 'aws refused', step: answer.step }, { errorCode: answer.code });
  }
  const decoded = parseDecodedMessage(answer.decodedJson);
  if (!decoded) return refuse(new AppError('upstream', 'AWS answered with a decoded message Keyport cannot read. Nothing is shown; quote the request id when asking for help.', { detail: { decode: 'unreadable' } }), 'failure', accountId, { reason: 'unreadable decoded message' });
  const explanation = explainDecodedMessage(decoded, { policyType: text.statedPolicyType });
  const summary = {
    principalArn: explanation.principalArn,
    action: explanation.action,
    resource: explanation.resource,
    allowed: explanation.allowed,
    explicitDeny: explanation.explicitDeny,
    policyType: explanation.policyType,
    matchedStatementIds: explanation.statements.map((s) => s.statementId),
  };
  const session = explanation.session;
  const roleArn = session ? `arn:aws:iam::${session.accountId}:role/${session.roleName}` : null;

  // 3. Whose message is it?
  let readAs: DecodeResult['readAs'] | null = null;
  if (session) {
    const issued = await deps.db.auditEvent.findFirst({
      where: { actorSub: actor.sub, type: { in: ['ISSUE_SUCCEEDED', 'ISSUE_HOP_SUCCEEDED'] }, assumedRoleArn: explanation.principalArn },
      select: { id: true },
    });
    if (issued) readAs = 'issued-to-you';
  }
  if (!readAs && can(actor.roles, ['audit', 'read'])) readAs = 'reviewer';
  if (!readAs) {
    return refuse(
      new AppError('forbidden', 'This message is about a session Keyport did not issue to you, so Keyport will not decode it for you. Ask the person who got the error, or a security reviewer.', { detail: { decode: 'forbidden' } }),
      'denied',
      accountId,
      { reason: 'not issued to the actor', ...summary },
      { roleArn, sessionName: session?.sessionName ?? null },
    );
  }

  // 4. Audited before it is shown.
  try {
    await audit('success', accountId, { readAs, ...summary }, { roleArn, sessionName: session?.sessionName ?? null });
  } catch (e) {
    deps.log.error('could not record a decode; not showing it', { error: e });
    throw new AppError('unavailable', 'Keyport cannot record this decode right now, so it will not show it. Try again in a few minutes.', { detail: { decode: 'recordingUnavailable' } });
  }
  return { accountId, explanation, rawJson: JSON.stringify(JSON.parse(answer.decodedJson), null, 2), readAs };
}
