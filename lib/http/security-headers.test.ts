import { describe, expect, it } from 'vitest';
import { acceptRequestId, contentSecurityPolicy, securityHeaders } from './security-headers';

describe('security headers', () => {
  it('has a nonce-based CSP without unsafe-inline scripts and forbids framing', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc', dev: false, formActions: [] });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('adds HSTS only over HTTPS', () => {
    expect(securityHeaders({ nonce: 'n', dev: false, https: false, formActions: [] })['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders({ nonce: 'n', dev: false, https: true, formActions: [] })['Strict-Transport-Security']).toMatch(/max-age=/);
  });

  it('keeps only safe upstream request ids', () => {
    expect(acceptRequestId('abc12345-xyz', () => 'new')).toBe('abc12345-xyz');
    expect(acceptRequestId('bad\nvalue', () => 'new')).toBe('new');
    expect(acceptRequestId(null, () => 'new')).toBe('new');
  });
});
