// GET|POST /api/auth/* — next-auth's OIDC sign-in, callback and sign-out endpoints.
import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/auth/options';

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Built on first request, not at import: `next build` must not need the runtime configuration.
async function handler(request: Request, ctx: Ctx): Promise<Response> {
  return NextAuth(getAuthOptions())(request, ctx) as Promise<Response>;
}

export { handler as GET, handler as POST };
