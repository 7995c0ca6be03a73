import 'server-only';
// Carries the classified OIDC callback failure from next-auth's logger (which has no response to
// change) to the route handler that answers the callback, within one request. The handler then
// sends the person to the sign-in page with the step and the IdP's short error code, so the page
// can say in words what failed. Nothing but those two values leaves the server.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { OidcCallbackFailure } from './oidc-callback-failure';

const store = new AsyncLocalStorage<{ failure: OidcCallbackFailure | null }>();

export function runCapturingCallbackFailure<T>(fn: () => Promise<T>): Promise<{ result: T; failure: OidcCallbackFailure | null }> {
  const slot = { failure: null as OidcCallbackFailure | null };
  return store.run(slot, async () => ({ result: await fn(), failure: slot.failure }));
}

/** The first failure of the request wins: next-auth logs the same failure more than once. */
export function recordCallbackFailure(failure: OidcCallbackFailure): void {
  const slot = store.getStore();
  if (slot && !slot.failure) slot.failure = failure;
}
