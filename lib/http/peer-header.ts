// Pure: the header through which Keyport's own server entry (server/keyport-server.mjs) tells
// the app the TCP peer of each request. App Router handlers cannot see the socket, and Next.js
// keeps a client-sent X-Forwarded-For instead of the socket address, so the server entry removes
// any incoming copy of this header and sets its own, prefixed with a random token made at start
// (by the primary, shared with its workers, when KEYPORT_WORKERS > 1; never seen outside them).
// A value without that token (a forged header, or the app run by `next start` directly) is not
// believed: the source is then unknown, never what the client claimed.
import { timingSafeEqual } from 'node:crypto';

export const PEER_HEADER = 'x-keyport-peer';

/** The peer address the server entry vouched for, or null when the header is absent or forged. */
export function readPeerHeader(value: string | null, token: string | undefined): string | null {
  if (!value || !token) return null;
  const space = value.indexOf(' ');
  if (space <= 0) return null;
  const given = Buffer.from(value.slice(0, space));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const address = value.slice(space + 1).trim();
  return address === '' ? null : address;
}
