// GET|POST /api/auth/* — next-auth's OIDC sign-in, callback and sign-out endpoints.
import NextAuth from 'next-auth';
import { runCapturingCallbackFailure } from '@/lib/auth/callback-failure-capture';
import { withFailureDetail } from '@/lib/auth/oidc-callback-failure';
import { getAuthOptions } from '@/lib/auth/options';

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Built on first request, not at import: `next build` must not need the runtime configuration.
// A failed callback's redirect to the sign-in page also names the step that failed and the IdP's
// error code (lib/auth/oidc-callback-failure.ts), so the page can say what went wrong.
async function handler(request: Request, ctx: Ctx): Promise<Response> {
  const { result: res, failure } = await runCapturingCallbackFailure(() => NextAuth(getAuthOptions())(request, ctx) as Promise<Response>);
  const location = res.headers.get('location');
  if (!failure || !location || res.status < 300 || res.status >= 400) return res;
  const headers = new Headers(res.headers);
  headers.set('location', withFailureDetail(location, failure, request.url, '/signin'));
  return new Response(res.body, { status: res.status, headers });
}

export { handler as GET, handler as POST };
