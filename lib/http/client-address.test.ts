import { describe, expect, it } from 'vitest';
import { normaliseAddress, resolveClientAddress } from './client-address';

describe('resolveClientAddress (the audit source_ip)', () => {
  it('with no trusted proxy records the connection, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress({ peer: '198.51.100.7', forwardedFor: '203.0.113.66', trustedHops: 0 })).toBe('198.51.100.7');
    expect(resolveClientAddress({ peer: '198.51.100.7', forwardedFor: null, trustedHops: 0 })).toBe('198.51.100.7');
  });

  it('refuses a forged left-most hop: takes the entry the trusted proxy appended', () => {
    // The client sent "X-Forwarded-For: 203.0.113.66"; the load balancer appended the real client.
    expect(resolveClientAddress({ peer: '10.0.0.5', forwardedFor: '203.0.113.66, 198.51.100.7', trustedHops: 1 })).toBe('198.51.100.7');
  });

  it('walks one hop per trusted proxy, from the right', () => {
    const xff = '203.0.113.66, 198.51.100.7, 10.0.0.9';
    expect(resolveClientAddress({ peer: '10.0.0.5', forwardedFor: xff, trustedHops: 2 })).toBe('198.51.100.7');
    expect(resolveClientAddress({ peer: '10.0.0.5', forwardedFor: xff, trustedHops: 1 })).toBe('10.0.0.9');
  });

  it('treats several X-Forwarded-For header lines as one list', () => {
    expect(resolveClientAddress({ peer: '10.0.0.5', forwardedFor: ['203.0.113.66', '198.51.100.7'], trustedHops: 1 })).toBe('198.51.100.7');
  });

  it('gives an unknown source when fewer hops arrived than proxies are trusted (a forged header cannot fill the gap)', () => {
    expect(resolveClientAddress({ peer: '10.0.0.5', forwardedFor: null, trustedHops: 1 })).toBeNull();
    expect(resolveClientAddress({ peer: '10.0.0.5', forwardedFor: '198.51.100.7', trustedHops: 2 })).toBeNull();
  });

  it('refuses a hop that is not an IP address', () => {
    expect(resolveClientAddress({ peer: '10.0.0.5', forwardedFor: '203.0.113.66, evil.example', trustedHops: 1 })).toBeNull();
    expect(resolveClientAddress({ peer: '10.0.0.5', forwardedFor: '203.0.113.66, ', trustedHops: 1 })).toBeNull();
    expect(resolveClientAddress({ peer: '10.0.0.5', forwardedFor: "1.2.3.4'; DROP TABLE audit_events;--", trustedHops: 1 })).toBeNull();
    expect(resolveClientAddress({ peer: '10.0.0.5', forwardedFor: 'unknown', trustedHops: 1 })).toBeNull();
    expect(resolveClientAddress({ peer: '10.0.0.5', forwardedFor: '999.1.1.1', trustedHops: 1 })).toBeNull();
  });

  it('gives an unknown source without a valid peer, even with a plausible X-Forwarded-For', () => {
    expect(resolveClientAddress({ peer: null, forwardedFor: '198.51.100.7', trustedHops: 0 })).toBeNull();
    expect(resolveClientAddress({ peer: null, forwardedFor: '198.51.100.7', trustedHops: 1 })).toBeNull();
    expect(resolveClientAddress({ peer: 'not-an-ip', forwardedFor: '198.51.100.7', trustedHops: 1 })).toBeNull();
  });

  it('ignores a nonsensical hop count rather than trusting the header', () => {
    expect(resolveClientAddress({ peer: '198.51.100.7', forwardedFor: '203.0.113.66', trustedHops: -1 })).toBe('198.51.100.7');
    expect(resolveClientAddress({ peer: '198.51.100.7', forwardedFor: '203.0.113.66', trustedHops: 0.5 })).toBe('198.51.100.7');
  });

  it('normalises IPv6 and IPv4-mapped peers and hops', () => {
    expect(resolveClientAddress({ peer: '::ffff:127.0.0.1', forwardedFor: null, trustedHops: 0 })).toBe('127.0.0.1');
    expect(resolveClientAddress({ peer: '::1', forwardedFor: '2001:DB8:0:0:0:0:0:1', trustedHops: 1 })).toBe('2001:db8::1');
    expect(resolveClientAddress({ peer: '::1', forwardedFor: '[2001:db8::1]:443', trustedHops: 1 })).toBe('2001:db8::1');
    expect(resolveClientAddress({ peer: '::1', forwardedFor: '198.51.100.7:51234', trustedHops: 1 })).toBe('198.51.100.7');
  });
});

describe('normaliseAddress', () => {
  it('keeps valid addresses in canonical form', () => {
    expect(normaliseAddress(' 192.0.2.1 ')).toBe('192.0.2.1');
    expect(normaliseAddress('::FFFF:c000:0201')).toBe('192.0.2.1');
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80::1');
  });

  it('refuses what is not an address', () => {
    for (const bad of ['', ' ', 'localhost', '1.2.3', '1.2.3.4.5', '::g', '[::1', '1.2.3.4:99999', '1.2.3.4 5.6.7.8', null, undefined]) {
      expect(normaliseAddress(bad)).toBeNull();
    }
  });
});
