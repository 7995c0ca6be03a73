// Pure: the address the audit records as `source_ip`. It starts from the TCP peer (the connection
// Keyport accepted) and walks X-Forwarded-For from the right, one hop per trusted proxy: each
// proxy appends the address *it* saw, so only the right-most `trustedHops` entries were written
// by someone we trust; everything to their left is whatever the client sent and is never used.
// (RFC 7239 §5.2 and MDN "X-Forwarded-For — Security and privacy concerns": pick the right-most
// entry added by a trusted proxy, never the left-most.)
import { isIP } from 'node:net';

/** A literal IPv4 or IPv6 address in its canonical form, or null when it is not one. */
export function normaliseAddress(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  let v = value.trim();
  // `[2001:db8::1]` (and `[2001:db8::1]:443`, as some proxies write it)
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(v);
  // `192.0.2.1:51234` (a port after an IPv4 address)
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(v);
  const hostPort = bracketed ?? withPort;
  if (hostPort?.[1]) {
    if (hostPort[2] !== undefined && Number(hostPort[2]) > 65535) return null;
    v = hostPort[1];
  }
  // A zone id (`fe80::1%eth0`) names a local interface; it is not part of the address.
  if (v.includes('%')) v = v.slice(0, v.indexOf('%'));
  const kind = isIP(v);
  if (kind === 4) return v;
  if (kind !== 6) return null;
  // Canonical text form (RFC 5952) via the URL parser, which compresses and lower-cases.
  const canonical = new URL(`http://[${v}]/`).hostname.slice(1, -1);
  // An IPv4 client of a dual-stack socket appears as ::ffff:a.b.c.d (RFC 4291 §2.5.5.2).
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (mapped?.[1] && mapped[2]) {
    const hi = parseInt(mapped[1], 16);
    const lo = parseInt(mapped[2], 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return canonical;
}

export interface ClientAddressInput {
  /** The TCP peer of the connection, as the server socket reported it (null when unknown). */
  peer: string | null;
  /** Every X-Forwarded-For header line the request carried, in order (or one joined value). */
  forwardedFor: string | readonly string[] | null;
  /** How many proxies in front of Keyport append to X-Forwarded-For (TRUSTED_PROXY_HOPS). */
  trustedHops: number;
}

/**
 * The client's address: with no trusted proxy, the peer; with N, the N-th entry from the right of
 * X-Forwarded-For. Null when that position holds no valid IP (a proxy missing or misconfigured) —
 * an unknown source, rather than one the client chose.
 */
export function resolveClientAddress({ peer, forwardedFor, trustedHops }: ClientAddressInput): string | null {
  const peerAddress = normaliseAddress(peer);
  if (!peerAddress) return null;
  if (!Number.isInteger(trustedHops) || trustedHops <= 0) return peerAddress;
  const lines = forwardedFor === null ? [] : typeof forwardedFor === 'string' ? [forwardedFor] : forwardedFor;
  const hops = lines.flatMap((l) => l.split(',')).map((h) => h.trim());
  // hops[length-1] was written by the proxy next to us (our peer), hops[length-N] by the N-th.
  const index = hops.length - trustedHops;
  if (index < 0) return null;
  return normaliseAddress(hops[index]);
}
