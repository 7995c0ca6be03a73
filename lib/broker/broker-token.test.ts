import { generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { issueBrokerToken } from './issue-broker-token';
import { jwksOf, rotateKeySet, type BrokerKeySet } from './key-set';
import { generateBrokerKey, parseBrokerKeys } from './parse-broker-keys';
import type { TagSource } from './session-tags';

const ROLE = 'arn:aws:iam::111122223333:role/DevReadOnly';
const person: TagSource = { person: 'alice@example.com', verifiedEmail: 'alice@example.com', mappingId: 'm-1', name: 'Alice', username: 'alice', groups: ['eng'], idpKind: 'OIDC' };
const NOW = new Date();

async function setOf(alg: 'ES256' | 'RS256'): Promise<BrokerKeySet> {
  return rotateKeySet({ keys: [] }, await generateBrokerKey(alg), new Date(NOW.getTime() - 1000), 0);
}

describe('issueBrokerToken', () => {
  for (const alg of ['ES256', 'RS256'] as const) {
    it(`mints a ${alg} token that verifies against the published JWKS, for one role and person, for 5 minutes`, async () => {
      const keys = await setOf(alg);
      const t = await issueBrokerToken({ keys, issuer: 'https://keyport.example.com/oidc', audience: 'sts.amazonaws.com', roleArn: ROLE, tagSource: person, tagAttributes: ['groups'], now: NOW });
      const { payload, protectedHeader } = await jwtVerify(t.token, createLocalJWKSet(jwksOf(keys, NOW)), { issuer: 'https://keyport.example.com/oidc', audience: 'sts.amazonaws.com', currentDate: NOW });
      expect(protectedHeader).toMatchObject({ alg, kid: keys.keys[0]?.kid, typ: 'JWT' });
      expect(payload.sub).toBe(`role:${ROLE}:person:alice@example.com`);
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
      expect(payload['https://aws.amazon.com/source_identity']).toBe('alice@example.com');
      expect(payload['https://aws.amazon.com/tags']).toEqual({
        principal_tags: { person: ['alice@example.com'], email: ['alice@example.com'], 'keyport-mapping': ['m-1'], 'idp-groups': ['eng'] },
        transitive_tag_keys: ['person', 'email', 'keyport-mapping', 'idp-groups'],
      });
      expect(typeof payload.jti).toBe('string');
    });
  }

  it('signs RS256 (deterministic) to the very bytes jose signs for the same header and claims', async () => {
    const keys = await setOf('RS256');
    const key = keys.keys[0];
    if (!key) throw new Error('no key');
    const t = await issueBrokerToken({ keys, issuer: 'https://k/oidc', audience: 'sts.amazonaws.com', roleArn: ROLE, tagSource: person, tagAttributes: ['groups'], now: NOW });
    const claims = decodeJwt(t.token);
    const byJose = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(await importJWK(key.privateJwk, 'RS256'));
    expect(t.token).toBe(byJose);
  });

  it('signs ES256 as r‖s (64 bytes), not DER', async () => {
    const keys = await setOf('ES256');
    const t = await issueBrokerToken({ keys, issuer: 'https://k/oidc', audience: 'sts.amazonaws.com', roleArn: ROLE, tagSource: person, tagAttributes: [], now: NOW });
    expect(Buffer.from(t.token.split('.')[2] ?? '', 'base64url')).toHaveLength(64);
  });

  it('mints a fresh token each time', async () => {
    const keys = await setOf('ES256');
    const input = { keys, issuer: 'https://k/oidc', audience: 'sts.amazonaws.com', roleArn: ROLE, tagSource: person, tagAttributes: [], now: NOW };
    expect((await issueBrokerToken(input)).token).not.toBe((await issueBrokerToken(input)).token);
  });

  it('refuses when no key signs yet', async () => {
    const keys = rotateKeySet({ keys: [] }, await generateBrokerKey('ES256'), new Date(NOW.getTime() + 60_000), 0);
    await expect(issueBrokerToken({ keys, issuer: 'https://k', audience: 'a', roleArn: ROLE, tagSource: person, tagAttributes: [], now: NOW })).rejects.toThrow(/no broker signing key in force/);
  });

  it('refuses tags AWS would refuse', async () => {
    const keys = await setOf('ES256');
    await expect(issueBrokerToken({ keys, issuer: 'https://k', audience: 'a', roleArn: ROLE, tagSource: { ...person, name: 'a'.repeat(300) }, tagAttributes: ['name'], now: NOW })).rejects.toThrow(/longer than 256/);
  });

  it('refuses a role ARN it cannot name safely', async () => {
    const keys = await setOf('ES256');
    await expect(issueBrokerToken({ keys, issuer: 'https://k', audience: 'a', roleArn: 'arn:aws:iam::111122223333:role/*', tagSource: person, tagAttributes: [], now: NOW })).rejects.toThrow(/role ARN/);
  });

  it('signs with the newest key in force after a rotation', async () => {
    const first = await setOf('ES256');
    const rotated = rotateKeySet(first, await generateBrokerKey('RS256'), new Date(NOW.getTime() - 500), 0.1);
    const t = await issueBrokerToken({ keys: rotated, issuer: 'https://k', audience: 'a', roleArn: ROLE, tagSource: person, tagAttributes: [], now: NOW });
    expect(decodeProtectedHeader(t.token).kid).toBe(rotated.keys[1]?.kid);
  });
});

describe('parseBrokerKeys', () => {
  const pem = (type: 'ec' | 'rsa', opt: object) => (generateKeyPairSync(type as 'ec', opt as { namedCurve: string }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);

  it('reads an EC P-256 PEM as ES256 and an RSA PEM as RS256, kid = thumbprint', async () => {
    const ec = await parseBrokerKeys(pem('ec', { namedCurve: 'P-256' }));
    expect(ec.keys[0]?.alg).toBe('ES256');
    expect(ec.keys[0]?.kid).toMatch(/^[\w-]{43}$/);
    const rsa = await parseBrokerKeys(pem('rsa', { modulusLength: 2048 }));
    expect(rsa.keys[0]?.alg).toBe('RS256');
  });

  it('reads a private JWK and a key set', async () => {
    const k = await generateBrokerKey('ES256');
    expect((await parseBrokerKeys(JSON.stringify(k.privateJwk))).keys[0]?.kid).toBe(k.kid);
    const set = rotateKeySet({ keys: [] }, k, NOW, 0);
    expect(await parseBrokerKeys(JSON.stringify(set))).toEqual(set);
  });

  it('refuses other curves, short RSA keys, public keys and garbage — without quoting the key', async () => {
    const p384 = pem('ec', { namedCurve: 'P-384' });
    await expect(parseBrokerKeys(p384)).rejects.toThrow(/P-256/);
    await expect(parseBrokerKeys(pem('rsa', { modulusLength: 1024 }))).rejects.toThrow(/2048/);
    const pub = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'pem', type: 'spki' }) as string;
    await expect(parseBrokerKeys(pub)).rejects.toThrow(/not a private key/);
    await expect(parseBrokerKeys('hello')).rejects.toThrow(/neither PEM nor JSON/);
    const k = await generateBrokerKey('ES256');
    await expect(parseBrokerKeys(JSON.stringify(k.publicJwk))).rejects.toThrow(/not a private key/);
    const err = await parseBrokerKeys(p384).catch((e: Error) => e.message);
    expect(err).not.toContain(p384.slice(30, 60));
  });

  it('refuses a key set whose alg does not match its key', async () => {
    const set = rotateKeySet({ keys: [] }, await generateBrokerKey('ES256'), NOW, 0);
    const bad = { keys: set.keys.map((k) => ({ ...k, alg: 'RS256' })) };
    await expect(parseBrokerKeys(JSON.stringify(bad))).rejects.toThrow(/alg does not match/);
  });
});
