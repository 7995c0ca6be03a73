import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newLoopbackKeyPair, openLoopbackSeal, sealForLoopback } from '@/cli/src/shared/loopback-seal.js';

describe('the sealed loopback result', () => {
  const cli = newLoopbackKeyPair();
  const sealed = sealForLoopback({ recipientPublicKey: cli.publicKey, state: 'state-1', plaintext: '{"secret":"x"}' });

  it('opens with the CLI key and state, and shows nothing in the clear', () => {
    expect(sealed).not.toContain('secret');
    expect(openLoopbackSeal({ privateKey: cli.privateKey, publicKey: cli.publicKey, state: 'state-1', sealed })).toBe('{"secret":"x"}');
  });
  it('refuses another key, another state, a changed byte, garbage', () => {
    const other = newLoopbackKeyPair();
    expect(() => openLoopbackSeal({ privateKey: other.privateKey, publicKey: other.publicKey, state: 'state-1', sealed })).toThrow();
    expect(() => openLoopbackSeal({ privateKey: cli.privateKey, publicKey: cli.publicKey, state: 'state-2', sealed })).toThrow();
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(() => openLoopbackSeal({ privateKey: cli.privateKey, publicKey: cli.publicKey, state: 'state-1', sealed: flipped })).toThrow();
    for (const g of ['', 'a.b', 'a.b.c']) expect(() => openLoopbackSeal({ privateKey: cli.privateKey, publicKey: cli.publicKey, state: 'state-1', sealed: g })).toThrow();
  });
  it('refuses to seal to something that is not an X25519 public key', () => {
    expect(() => sealForLoopback({ recipientPublicKey: 'short', state: 's', plaintext: 'x' })).toThrow();
    const ed = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x ?? '';
    // An Ed25519 key has the same length; X25519 math on it still cannot be opened by the CLI key.
    const s = sealForLoopback({ recipientPublicKey: ed, state: 's', plaintext: 'x' });
    expect(() => openLoopbackSeal({ privateKey: cli.privateKey, publicKey: cli.publicKey, state: 's', sealed: s })).toThrow();
  });
});
