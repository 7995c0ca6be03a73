// The few calls the issuance path, the audit and withAuth make to count what they do.
import { issuanceOutcome, mappingLabel, stsErrorLabel } from './issuance-outcome';
import { metrics } from './registry';

const seconds = (startedNs: bigint) => Number(process.hrtime.bigint() - startedNs) / 1e9;

/** Times `run` as one issuance and counts its outcome (it rethrows whatever `run` throws). */
export async function observeIssuance<T>(labels: { federation: 'oidc' | 'saml'; mappingId: string }, run: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  let thrown: unknown;
  try {
    return await run();
  } catch (e) {
    thrown = e ?? new Error('issuance failed');
    throw e;
  } finally {
    const outcome = issuanceOutcome(thrown);
    const m = metrics();
    m.issuances.inc({ outcome, federation: labels.federation, mapping: mappingLabel(outcome, labels.mappingId) });
    m.issuanceDuration.observe({ outcome, federation: labels.federation }, seconds(started));
    if (outcome === 'rate_limited') m.rateLimitRefusals.inc({ federation: labels.federation });
  }
}

/** Times one STS call (its retries included) and counts a refusal by AWS's error code. */
export async function observeStsCall<T extends { ok: true } | { ok: false; code: string }>(federation: 'oidc' | 'saml', call: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  const result = await call();
  const m = metrics();
  m.stsCallDuration.observe({ federation, result: result.ok ? 'ok' : 'error' }, seconds(started));
  if (!result.ok) m.stsErrors.inc({ code: stsErrorLabel(result.code), federation });
  return result;
}

/** Times one audit append until its commit. */
export async function observeAuditAppend(append: () => Promise<void>): Promise<void> {
  const started = process.hrtime.bigint();
  let result = 'error';
  try {
    await append();
    result = 'ok';
  } finally {
    metrics().auditAppendDuration.observe({ result }, seconds(started));
  }
}

export function observeRequest(labels: { permission: string; method: string; status: number }, startedNs: bigint): void {
  metrics().requestDuration.observe({ permission: labels.permission, method: labels.method, status: String(labels.status) }, seconds(startedNs));
}

/** For the audit outbox (issue #13): the age of the oldest event a sink has not received yet. */
export function setAuditSinkLag(sink: string, lagSeconds: number): void {
  metrics().auditSinkLag.set({ sink }, lagSeconds);
}
