// The token of an `Authorization: Bearer <token>` header (RFC 6750 2.1), or null. Pure.
export function bearerOf(header: string | null): string | null {
  if (!header) return null;
  const m = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header);
  return m?.[1] ?? null;
}
