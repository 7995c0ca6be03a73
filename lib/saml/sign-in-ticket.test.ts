import { describe, expect, it } from 'vitest';
import { newBrowserNonce, openTicket, sealTicket } from './sign-in-ticket';

const SECRET = 'x'.repeat(40);

describe('SAML sign-in ticket', () => {
  it('opens only in the browser that started the sign-in, only while fresh, only with the right key', () => {
    const { nonce, hash } = newBrowserNonce();
    const sealed = sealTicket({ sid: 'sid-1', browser: hash, returnTo: '/roles/1' }, SECRET, 1_000);
    expect(openTicket(sealed, nonce, SECRET, 2_000)).toEqual({ sid: 'sid-1', browser: hash, returnTo: '/roles/1' });
    expect(openTicket(sealed, newBrowserNonce().nonce, SECRET, 2_000)).toBeNull();
    expect(openTicket(sealed, undefined, SECRET, 2_000)).toBeNull();
    expect(openTicket(sealed, nonce, SECRET, 1_000 + 121_000)).toBeNull();
    expect(openTicket(sealed, nonce, 'y'.repeat(40), 2_000)).toBeNull();
    expect(openTicket(`${sealed}x`, nonce, SECRET, 2_000)).toBeNull();
  });

  it('an IdP-initiated sign-in (no browser binding) opens without a nonce', () => {
    const sealed = sealTicket({ sid: 'sid-2', browser: null, returnTo: '/' }, SECRET, 1_000);
    expect(openTicket(sealed, undefined, SECRET, 2_000)?.sid).toBe('sid-2');
  });
});
