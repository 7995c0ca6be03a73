import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runtimeRoleFor } from './database-roles';
import { scramSha256Verifier } from './scram-verifier';

describe('runtimeRoleFor', () => {
  it('is null when the portal and the migrations use the same role (the weaker setup)', () => {
    const url = 'postgresql://keyport:pw@db/keyport';
    expect(runtimeRoleFor({ databaseUrl: url, migrationUrl: url, createRole: true })).toBeNull();
  });
  it('names the runtime role without its password unless creating it was asked for', () => {
    const base = { databaseUrl: 'postgresql://keyport_app:s%40cret@db/keyport', migrationUrl: 'postgresql://keyport_owner:x@db/keyport' };
    expect(runtimeRoleFor({ ...base, createRole: false })).toEqual({ name: 'keyport_app' });
    expect(runtimeRoleFor({ ...base, createRole: true })).toEqual({ name: 'keyport_app', password: 's@cret' });
  });
});

describe('scramSha256Verifier', () => {
  it('holds keys that answer the RFC 7677 exchange (user / pencil)', () => {
    // RFC 7677 §3: with these keys the server checks the client's proof and signs its answer.
    const v = scramSha256Verifier('pencil', { salt: Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'), iterations: 4096 });
    const m = /^SCRAM-SHA-256\$4096:W22ZaJ0SNY7soEsUEjb6gQ==\$([^:]+):(.+)$/.exec(v);
    expect(m).not.toBeNull();
    const storedKey = Buffer.from(m?.[1] ?? '', 'base64');
    const serverKey = Buffer.from(m?.[2] ?? '', 'base64');
    const nonce = 'rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
    const authMessage = `n=user,r=rOprNGfwEbeRWgbNEkqO,r=${nonce},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=${nonce}`;
    expect(createHmac('sha256', serverKey).update(authMessage).digest('base64')).toBe('6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
    const proof = Buffer.from('dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=', 'base64');
    const signature = createHmac('sha256', storedKey).update(authMessage).digest();
    const clientKey = Buffer.from(proof.map((b, i) => b ^ (signature[i] ?? 0)));
    expect(createHash('sha256').update(clientKey).digest().equals(storedKey)).toBe(true);
  });
  it('never contains the password and differs on every call (random salt)', () => {
    const a = scramSha256Verifier('keyport-app-sandbox');
    expect(a).not.toContain('keyport-app-sandbox');
    expect(a).not.toBe(scramSha256Verifier('keyport-app-sandbox'));
  });
});
