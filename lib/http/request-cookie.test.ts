import { describe, expect, it } from 'vitest';
import { RequestCookies } from 'next/dist/compiled/@edge-runtime/cookies';
import { requestCookie } from './request-cookie';

// Next.js's own parser is the reference: the direct routes must read the session cookie exactly
// as route handlers behind Next.js read it.
const headers = [
  'next-auth.session-token=abc.def.ghi',
  'a=1; next-auth.session-token=first; b=2; next-auth.session-token=second',
  'next-auth.session-token=%E2%82%AC%20x',
  'next-auth.session-token=ok; next-auth.session-token=%E0%A4%A',
  'next-auth.session-token',
  'next-auth.session-token=',
  'next-auth.session-token=a=b=c',
  ';;next-auth.session-token=x;;',
  'other=1',
  '',
  'NEXT-AUTH.session-token=upper',
  ' next-auth.session-token=leading-space',
  'next-auth.session-token=trailing \t',
];

describe('requestCookie', () => {
  it.each(headers)('reads %j as Next.js does', (header) => {
    const reference = new RequestCookies(new Headers(header ? { cookie: header } : {})).get('next-auth.session-token')?.value;
    expect(requestCookie(header, 'next-auth.session-token')).toBe(reference);
  });

  it('reads nothing from no header', () => {
    expect(requestCookie(null, 'x')).toBeUndefined();
    expect(requestCookie(undefined, 'x')).toBeUndefined();
  });
});
