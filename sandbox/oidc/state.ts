// The sandbox IdP's persisted state: signing keys, cookie keys and group edits, kept in one JSON
// file so tokens issued before a restart still verify and demo edits survive. Never holds tokens.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { z } from 'zod';

const privateRsaJwk = z
  .object({
    kty: z.literal('RSA'),
    kid: z.string().min(1),
    alg: z.literal('RS256'),
    use: z.literal('sig'),
    n: z.string().min(1),
    e: z.string().min(1),
    d: z.string().min(1),
    p: z.string().min(1),
    q: z.string().min(1),
    dp: z.string().min(1),
    dq: z.string().min(1),
    qi: z.string().min(1),
  })
  .strict();

export type SigningJwk = z.infer<typeof privateRsaJwk>;

const stateSchema = z
  .object({
    version: z.literal(1),
    signingKeys: z.array(privateRsaJwk).min(1),
    cookieKeys: z.array(z.string().min(32)).min(1),
    groups: z.record(z.string(), z.array(z.string())),
  })
  .strict();

export type IdpState = z.infer<typeof stateSchema>;

export async function generateSigningKey(): Promise<SigningJwk> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return privateRsaJwk.parse({ ...jwk, kid, alg: 'RS256', use: 'sig' });
}

export async function generateState(): Promise<IdpState> {
  return {
    version: 1,
    signingKeys: [await generateSigningKey()],
    cookieKeys: [randomBytes(32).toString('base64url')],
    groups: {},
  };
}

/** Reads the state file; `undefined` when it does not exist yet. Throws a clear error when it is unusable. */
export function readState(path: string): IdpState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return undefined;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`sandbox OIDC IdP state file ${path} is not valid JSON; delete it to start with fresh keys`);
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `sandbox OIDC IdP state file ${path} is not in the expected shape (${parsed.error.issues[0]?.message ?? 'invalid'}); delete it to start with fresh keys`,
    );
  }
  return parsed.data;
}

/** Writes the state atomically (temp file + rename), readable by the owner only: it holds private keys. */
export function writeState(path: string, state: IdpState): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(stateSchema.parse(state), null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

/** Loads the state at `path`, creating it on first use. */
export async function loadOrCreateState(path: string): Promise<IdpState> {
  const existing = readState(path);
  if (existing) return existing;
  const fresh = await generateState();
  writeState(path, fresh);
  return fresh;
}
