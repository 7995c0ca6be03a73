import 'server-only';
// What the ACS does with one posted SAMLResponse, once validated:
//   sign-in  → a server-side session (idpKind SAML), finished by /api/saml/complete in the browser
//              that started it (sign-in-ticket.ts), which sets the same cookie next-auth sets;
//   issuance → the session the request was started from, the same person in the assertion, the
//              pending request read from the database (never from the browser), then SAML issuance;
//              the outcome goes to the role page in a sealed one-time cookie.
// Every refusal is logged with its technical reason; the person sees what they can do about it.
import { z } from 'zod';
import { createSession, loadActor } from '@/lib/auth/session-store';
import { getConfig } from '@/lib/config';
import { issuedBody } from '@/lib/issuance/issued-body';
import { getDb } from '@/lib/db/client';
import { safeReturnPath } from '@/lib/http/safe-return-path';
import type { AuditActor } from '@/lib/audit/append-audit-event';
import { auditActorOf } from '@/lib/audit/audit-actor';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { sharedIssueDeps, stsTimeouts } from '@/lib/issuance/deps';
import { IssueRefusal, type RefusalReason } from '@/lib/issuance/issue-refusal';
import { recordRefusal, refusalEventFor } from '@/lib/issuance/record-refusal';
import { issueCredentialsWithSaml } from '@/lib/issuance/issue-credentials-with-saml';
import type { Logger } from '@/lib/log/logger';
import { assumeRoleWithSaml } from '@/lib/sts/assume-role-with-saml';
import { cookieHeader } from '@/lib/http/cookie-header';
import { PUBLIC_KEY_PATTERN, sealForLoopback } from '@/cli/src/shared/loopback-seal.js';
import { loopbackRedirectProblem } from '@/lib/cli-auth/loopback-redirect';
import { SamlRejection, type SamlFailure } from './explain-saml-failure';
import { RESULT_MAX_AGE_SECONDS, resultCookieName, sealResult } from './result-cookie';
import { samlIdentity } from './saml-identity';
import { samlMatchTechnical, samlSamePerson } from './same-person';
import { samlIdp } from './saml-idp';
import { sealTicket } from './sign-in-ticket';
import { samlSp } from './saml-sp';
import { validateSamlResponse } from './validate-saml-response';

export interface AcsOutcome {
  location: string;
  cookies: string[];
}

const pendingIssue = z.object({ mappingId: z.string().min(1).max(64), durationSeconds: z.number().int(), region: z.string().min(1).max(32) });
/** An issuance the keyport CLI started (app/api/cli/saml/start): the result goes to its loopback. */
const pendingCli = z.object({ redirectUri: z.string().refine((u) => loopbackRedirectProblem(u) === null), state: z.string().min(16).max(128), publicKey: z.string().regex(PUBLIC_KEY_PATTERN) });
type PendingCli = z.infer<typeof pendingCli>;

function cliOf(pending: unknown): PendingCli | null {
  const p = pending && typeof pending === 'object' ? pendingCli.safeParse((pending as { cli?: unknown }).cli) : null;
  return p?.success ? p.data : null;
}

/** The CLI's loopback, with the outcome sealed to its one-time key (never in the clear in the URL). */
function toCli(cli: PendingCli, status: number, body: Record<string, unknown>): string {
  const back = new URL(cli.redirectUri);
  back.searchParams.set('state', cli.state);
  back.searchParams.set('result', sealForLoopback({ recipientPublicKey: cli.publicKey, state: cli.state, plaintext: JSON.stringify({ status, body }) }));
  return back.toString();
}

function refusedTo(reason: SamlFailure, context: SamlRejection['context']): string {
  if (context?.purpose === 'ISSUANCE') {
    const cli = cliOf(context.pending);
    if (cli) return toCli(cli, 403, { error: { code: 'saml', message: `The SAML response was refused (${reason}). Try again; if it keeps happening, tell your Keyport administrator.` } });
    const p = pendingIssue.safeParse(context.pending);
    if (p.success) return `/roles/${encodeURIComponent(p.data.mappingId)}?samlError=${reason}`;
    return `/?samlError=${reason}`;
  }
  return `/signin?samlError=${reason}`;
}

export async function handleAcs(opts: { samlResponse: string; relayState?: string | null; requestId: string; log: Logger; sourceIp: string | null; userAgent: string | null }): Promise<AcsOutcome> {
  const cfg = getConfig();
  const db = getDb();
  const { log } = opts;
  let validated;
  try {
    validated = await validateSamlResponse({ db, idp: await samlIdp(), sp: samlSp(), samlResponse: opts.samlResponse });
  } catch (e) {
    if (e instanceof SamlRejection) {
      log.warn('SAML response refused', { reason: e.reason, technical: e.technical, purpose: e.context?.purpose ?? null });
      return { location: refusedTo(e.reason, e.context), cookies: [] };
    }
    throw e;
  }

  if (validated.purpose === 'SIGN_IN') {
    const id = samlIdentity(validated.facts, cfg.saml?.groupsAttribute ?? 'groups', cfg.saml?.groupPaths ?? 'exact');
    const sid = await createSession({ ...id, idpKind: 'SAML', idToken: null, refreshToken: null, idTokenExpiresAt: null });
    log.info('SAML sign-in verified', { sub: id.sub, groups: id.groups.length });
    const browser = validated.request ? validated.request.pending['browser'] : null;
    const ticket = sealTicket(
      { sid, browser: typeof browser === 'string' ? browser : null, returnTo: safeReturnPath(validated.request ? validated.request.pending['returnTo'] : opts.relayState, cfg.publicUrl) },
      cfg.authSecret,
    );
    return { location: `/api/saml/complete?t=${encodeURIComponent(ticket)}`, cookies: [] };
  }

  // Issuance: everything about the request comes from the database row this response answers.
  // Each refusal before the pipeline is recorded like the pipeline's own (ISSUE_DENIED).
  const deps = sharedIssueDeps(log);
  const cli = cliOf(validated.request?.pending);
  const context = { requestId: opts.requestId, sourceIp: opts.sourceIp, userAgent: opts.userAgent, ...(cli ? { channel: 'cli' as const } : {}) };
  const asserted = samlIdentity(validated.facts, cfg.saml?.groupsAttribute ?? 'groups', cfg.saml?.groupPaths ?? 'exact');
  const refuse = async (reason: RefusalReason, who: AuditActor, message: string, details: Record<string, unknown> = {}) => {
    log.warn('SAML issuance refused', { reason, ...details });
    await recordRefusal({
      deps,
      personSub: who.sub,
      event: refusalEventFor(who, pendingIssue.safeParse(validated.request?.pending).data ?? {}, context),
      refusal: new IssueRefusal(reason, new AppError('forbidden', message), details),
    }).catch((e: unknown) => log.error('could not record a SAML issuance refusal', { error: e }));
  };
  const assertedActor: AuditActor = { sub: asserted.sub, email: asserted.email, name: asserted.name, groups: asserted.groups, idpKind: 'SAML' };
  const pending = pendingIssue.safeParse(validated.request?.pending);
  if (!validated.request?.sessionId || !pending.success) {
    await refuse('unknown request', assertedActor, 'This SAML response does not answer a credential request Keyport made.');
    return { location: `/?samlError=unknown_request`, cookies: [] };
  }
  const back = `/roles/${encodeURIComponent(pending.data.mappingId)}`;
  const refusedToCli = (message: string) => (cli ? toCli(cli, 403, { error: { code: 'forbidden', message } }) : null);
  const actor = await loadActor(validated.request.sessionId);
  if (!actor) {
    const message = 'The Keyport session that asked for these credentials has ended.';
    await refuse('no session', assertedActor, message);
    return { location: refusedToCli(`${message} Run \`keyport login\`.`) ?? `${back}?samlError=no_session`, cookies: [] };
  }
  const attribute = cfg.saml?.matchAttribute ?? 'email';
  if (!samlSamePerson({ actor, facts: validated.facts, attribute })) {
    await refuse('other person', auditActorOf(actor), 'The SAML response names someone other than the person who asked.', {
      sessionSub: actor.sub,
      technical: samlMatchTechnical({ actor, facts: validated.facts, attribute }),
    });
    return { location: refusedToCli('The SAML response names someone other than the person who asked. Sign in to the IdP as yourself and try again.') ?? `${back}?samlError=other_person`, cookies: [] };
  }
  const seal = (status: number, body: Record<string, unknown>) =>
    cookieHeader(resultCookieName(cfg.secureCookies), sealResult({ sessionId: actor.sessionId, status, body }, cfg.authSecret), { secure: cfg.secureCookies, maxAge: RESULT_MAX_AGE_SECONDS });
  try {
    const issued = await issueCredentialsWithSaml({
      actor,
      request: pending.data,
      context,
      deps: { ...deps, assumeRoleWithSaml: (o) => assumeRoleWithSaml({ ...o, ...stsTimeouts() }) },
      assertion: { samlResponse: opts.samlResponse, facts: validated.facts, awsPartition: validated.awsPartition },
    });
    if (cli) return { location: toCli(cli, 200, issuedBody(issued, opts.requestId)), cookies: [] };
    return { location: `${back}?saml=result`, cookies: [seal(200, issuedBody(issued, opts.requestId))] };
  } catch (e) {
    if (!isAppError(e)) throw e;
    const body = { error: { code: e.code, message: e.message, requestId: opts.requestId } };
    if (cli) return { location: toCli(cli, e.status, body), cookies: [] };
    return { location: `${back}?saml=result`, cookies: [seal(e.status, body)] };
  }
}
