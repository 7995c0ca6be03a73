import 'server-only';
// What the ACS does with one posted SAMLResponse, once validated:
//   sign-in  → a server-side session (idpKind SAML), finished by /api/saml/complete in the browser
//              that started it (sign-in-ticket.ts), which sets the same cookie next-auth sets;
//   issuance → the session the request was started from, the same person in the assertion, the
//              pending request read from the database (never from the browser), then SAML issuance;
//              the outcome goes to the role page in a sealed one-time cookie.
// Every refusal is logged with its technical reason; the person sees what they can do about it.
import { z } from 'zod';
import { auditDeliveryCheck } from '@/lib/audit/sinks/audit-delivery-check';
import { createSession, loadActor } from '@/lib/auth/session-store';
import { getConfig } from '@/lib/config';
import { issuedBody } from '@/lib/issuance/issued-body';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';
import { issueCredentialsWithSaml } from '@/lib/issuance/issue-credentials-with-saml';
import type { Logger } from '@/lib/log/logger';
import { assumeRoleWithSaml } from '@/lib/sts/assume-role-with-saml';
import { explainSamlFailure, SamlRejection, type SamlFailure } from './explain-saml-failure';
import { cookieHeader, RESULT_MAX_AGE_SECONDS, resultCookieName, sealResult } from './result-cookie';
import { samlIdentity } from './saml-identity';
import { samlIdp } from './saml-idp';
import { sealTicket } from './sign-in-ticket';
import { samlSp } from './saml-sp';
import { validateSamlResponse } from './validate-saml-response';

export interface AcsOutcome {
  location: string;
  cookies: string[];
}

const pendingIssue = z.object({ mappingId: z.string().min(1).max(64), durationSeconds: z.number().int(), region: z.string().min(1).max(32) });

function safeReturn(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

function refusedTo(reason: SamlFailure, context: SamlRejection['context']): string {
  if (context?.purpose === 'ISSUANCE') {
    const p = pendingIssue.safeParse(context.pending);
    if (p.success) return `/roles/${encodeURIComponent(p.data.mappingId)}?samlError=${reason}`;
    return `/?samlError=${reason}`;
  }
  return `/signin?samlError=${reason}`;
}

export async function handleAcs(opts: { samlResponse: string; requestId: string; log: Logger; sourceIp: string | null; userAgent: string | null }): Promise<AcsOutcome> {
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
    const id = samlIdentity(validated.facts, cfg.saml?.groupsAttribute ?? 'groups');
    const sid = await createSession({ ...id, idpKind: 'SAML', idToken: null, refreshToken: null, idTokenExpiresAt: null });
    log.info('SAML sign-in verified', { sub: id.sub, groups: id.groups.length });
    const browser = validated.request ? validated.request.pending['browser'] : null;
    const ticket = sealTicket(
      { sid, browser: typeof browser === 'string' ? browser : null, returnTo: safeReturn(validated.request?.pending['returnTo']) },
      cfg.authSecret,
    );
    return { location: `/api/saml/complete?t=${encodeURIComponent(ticket)}`, cookies: [] };
  }

  // Issuance: everything about the request comes from the database row this response answers.
  const pending = pendingIssue.safeParse(validated.request?.pending);
  if (!validated.request?.sessionId || !pending.success) {
    log.warn('SAML issuance refused', { reason: 'request without session or pending issuance' });
    return { location: `/?samlError=unknown_request`, cookies: [] };
  }
  const back = `/roles/${encodeURIComponent(pending.data.mappingId)}`;
  const actor = await loadActor(validated.request.sessionId);
  if (!actor) {
    log.warn('SAML issuance refused', { reason: 'no_session' });
    return { location: `${back}?samlError=no_session`, cookies: [] };
  }
  if (actor.sub !== validated.facts.nameId) {
    log.warn('SAML issuance refused', { reason: 'other_person', sessionSub: actor.sub, assertionSub: validated.facts.nameId });
    return { location: `${back}?samlError=other_person`, cookies: [] };
  }
  const seal = (status: number, body: Record<string, unknown>) =>
    cookieHeader(resultCookieName(cfg.secureCookies), sealResult({ sessionId: actor.sessionId, status, body }, cfg.authSecret), { secure: cfg.secureCookies, maxAge: RESULT_MAX_AGE_SECONDS });
  try {
    const issued = await issueCredentialsWithSaml({
      actor,
      request: pending.data,
      context: { requestId: opts.requestId, sourceIp: opts.sourceIp, userAgent: opts.userAgent },
      deps: {
        db,
        log,
        globalStsEndpoint: cfg.stsEndpoint,
        rateLimitPerHour: cfg.issueRateLimitPerHour,
        supportContact: cfg.supportContact,
        assertAuditDelivered: auditDeliveryCheck(),
        assumeRoleWithSaml: (o) => assumeRoleWithSaml(o),
      },
      assertion: { samlResponse: opts.samlResponse, facts: validated.facts },
    });
    return { location: `${back}?saml=result`, cookies: [seal(200, issuedBody(issued, opts.requestId))] };
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { location: `${back}?saml=result`, cookies: [seal(e.status, { error: { code: e.code, message: e.message, requestId: opts.requestId } })] };
  }
}
