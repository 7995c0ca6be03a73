// GET /api/health — the process is up. No dependencies checked (that is /api/ready).
export const dynamic = 'force-dynamic';

// no-transform: a probe answer is 15 bytes, and Next.js gzips a streamed body whatever its size
// (zlib was 3 % of the portal's CPU in the bench's no-op run; bench/FINDINGS.md).
export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store, no-transform' } });
}
