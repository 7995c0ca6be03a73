import { describe, expect, it } from 'vitest';
import { readPeerHeader } from './peer-header';

const token = 'k3y-p0rt-t0ken-0123456789abcdef';

describe('readPeerHeader', () => {
  it('believes the address the server entry vouched for with its token', () => {
    expect(readPeerHeader(`${token} 198.51.100.7`, token)).toBe('198.51.100.7');
    expect(readPeerHeader(`${token} ::1`, token)).toBe('::1');
  });

  it('refuses a header without the right token (a client forging it)', () => {
    expect(readPeerHeader('198.51.100.7', token)).toBeNull();
    expect(readPeerHeader('guess 198.51.100.7', token)).toBeNull();
    expect(readPeerHeader(`${token.slice(0, -1)}X 198.51.100.7`, token)).toBeNull();
    expect(readPeerHeader(`${token}x 198.51.100.7`, token)).toBeNull();
    expect(readPeerHeader(` ${token} 198.51.100.7`, token)).toBeNull();
  });

  it('refuses every header when the app was not started by the server entry (no token)', () => {
    expect(readPeerHeader(`${token} 198.51.100.7`, undefined)).toBeNull();
    expect(readPeerHeader(' 198.51.100.7', '')).toBeNull();
  });

  it('refuses an absent or empty value', () => {
    expect(readPeerHeader(null, token)).toBeNull();
    expect(readPeerHeader('', token)).toBeNull();
    expect(readPeerHeader(`${token} `, token)).toBeNull();
  });
});
