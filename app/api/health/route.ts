// GET /api/health — the process is up. No dependencies checked (that is /api/ready). Served
// directly by Keyport's server entry (lib/http/direct-routes.ts): a probe costs Node's HTTP only.
import { json, publicRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// no-transform (publicRoute's Cache-Control): a probe answer is 15 bytes, and Next.js gzips a
// streamed body whatever its size (zlib was 3 % of the portal's CPU in the bench's no-op run).
export const GET = publicRoute(() => json({ status: 'ok' }));
