// Test fixtures: a sandbox AWS on loopback wired to a test OIDC issuer, SDK clients pointed at
// it, and a world built from sandbox/world.json plus whatever a test adds. Used by *.int.test.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { IAMClient } from '@aws-sdk/client-iam';
import { startSandboxAws, type LogEntry, type SandboxAws, type SandboxAwsOptions } from './server';
import { startBrokerIssuer, type BrokerIssuer } from '../../test/broker-issuer';
import { startTestIssuer, type TestIssuer } from './test-issuer';
import { parseWorld, type World } from './world';

export const WORLD_PATH = fileURLToPath(new URL('../world.json', import.meta.url));
export const CLIENT_ID = 'keyport-test';
export const DEV_ACCOUNT = '111122223333';
export const PROD_ACCOUNT = '444455556666';
export const DEV_READONLY = 'arn:aws:iam::111122223333:role/DevReadOnly';
export const DEV_DEVELOPER = 'arn:aws:iam::111122223333:role/DevDeveloper';
export const PROD_ADMIN = 'arn:aws:iam::444455556666:role/platform/ProdAdmin';
export const LEGACY_ROLE = 'arn:aws:iam::111122223333:role/DataScienceLegacy';

/** The parts of STS Credentials a client needs. */
export interface Keys {
  AccessKeyId?: string | undefined;
  SecretAccessKey?: string | undefined;
  SessionToken?: string | undefined;
}

export type RawWorld = Record<string, unknown> & { roles: Array<Record<string, unknown>> };

/** sandbox/world.json with the issuer substituted, optionally changed by `mutate` first. */
export function makeWorld(issuerUrl: string, mutate?: (raw: RawWorld) => void, brokerIssuerUrl = 'http://127.0.0.1:9/oidc'): World {
  const raw = JSON.parse(readFileSync(WORLD_PATH, 'utf8')) as RawWorld;
  mutate?.(raw);
  return parseWorld(raw, { OIDC_ISSUER: issuerUrl, OIDC_CLIENT_ID: CLIENT_ID, SAML_METADATA_URL: 'http://127.0.0.1:9/metadata', BROKER_ISSUER: brokerIssuerUrl });
}

export interface Harness {
  issuer: TestIssuer;
  /** Keyport's broker issuer (the broker-mode roles of world.json trust it). */
  broker: BrokerIssuer;
  /** Assumes a broker-mode role with a token Keyport minted for it. */
  assumeBroker(roleArn: string, person?: string): Promise<Credentials>;
  aws: SandboxAws;
  world: World;
  logs: LogEntry[];
  /** Shift the sandbox clock (ms) relative to real time. */
  setClockOffset(ms: number): void;
  anonSts(path?: string, region?: string): STSClient;
  sts(creds: Keys, path?: string, region?: string): STSClient;
  iamAdmin(account?: string): IAMClient;
  iamWith(creds: Keys): IAMClient;
  token(claims?: Record<string, unknown>, opts?: Parameters<TestIssuer['sign']>[1]): Promise<string>;
  assume(roleArn?: string, sessionName?: string, claims?: Record<string, unknown>): Promise<Credentials>;
  whoami(creds: Keys): Promise<string | undefined>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  mutateWorld?: (raw: RawWorld, issuerUrl: string) => void;
  statePath?: string;
  extra?: Partial<SandboxAwsOptions>;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const issuer = await startTestIssuer();
  const broker = await startBrokerIssuer();
  const world = makeWorld(issuer.url, opts.mutateWorld === undefined ? undefined : (raw) => opts.mutateWorld?.(raw, issuer.url), broker.url);
  let offset = 0;
  const logs: LogEntry[] = [];
  const aws = await startSandboxAws({
    world,
    ...(opts.statePath === undefined ? {} : { statePath: opts.statePath }),
    log: (e) => logs.push(e),
    now: () => new Date(Date.now() + offset),
    ...opts.extra,
  });
  const clients: Array<{ destroy(): void }> = [];
  const track = <T extends { destroy(): void }>(c: T): T => {
    clients.push(c);
    return c;
  };
  const endpoint = (path = '') => `${aws.url}${path}`;
  const h: Harness = {
    issuer,
    broker,
    aws,
    world,
    logs,
    setClockOffset: (ms) => {
      offset = ms;
    },
    anonSts: (path, region = 'us-east-1') => track(new STSClient({ region, endpoint: endpoint(path), maxAttempts: 1 })),
    sts: (creds, path, region = 'us-east-1') =>
      track(
        new STSClient({
          region,
          endpoint: endpoint(path),
          maxAttempts: 1,
          credentials: {
            accessKeyId: creds.AccessKeyId ?? '',
            secretAccessKey: creds.SecretAccessKey ?? '',
            ...(creds.SessionToken === undefined ? {} : { sessionToken: creds.SessionToken }),
          },
        }),
      ),
    iamAdmin: (account = DEV_ACCOUNT) => {
      const c = aws.iamAdminCredentials(account);
      if (c === undefined) throw new Error(`no IAM admin for ${account}`);
      return track(new IAMClient({ region: 'us-east-1', endpoint: aws.url, maxAttempts: 1, credentials: c }));
    },
    iamWith: (creds) =>
      track(
        new IAMClient({
          region: 'us-east-1',
          endpoint: aws.url,
          maxAttempts: 1,
          credentials: { accessKeyId: creds.AccessKeyId ?? '', secretAccessKey: creds.SecretAccessKey ?? '', sessionToken: creds.SessionToken ?? '' },
        }),
      ),
    token: (claims = {}, signOpts) => issuer.sign({ sub: 'alice', aud: CLIENT_ID, ...claims }, signOpts),
    async assume(roleArn = DEV_READONLY, sessionName = 'alice', claims = {}) {
      const out = await h.anonSts().send(
        new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: sessionName, WebIdentityToken: await h.token(claims) }),
      );
      if (out.Credentials === undefined) throw new Error('no credentials');
      return out.Credentials;
    },
    async assumeBroker(roleArn, person = 'alice') {
      const { token } = await broker.mint({ roleArn, person });
      const out = await h.anonSts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: person, WebIdentityToken: token }));
      if (out.Credentials === undefined) throw new Error('no credentials');
      return out.Credentials;
    },
    async whoami(creds) {
      return (await h.sts(creds).send(new GetCallerIdentityCommand({}))).Arn;
    },
    async close() {
      for (const c of clients) c.destroy();
      await aws.close();
      await issuer.close();
      await broker.close();
    },
  };
  return h;
}

/** Runs `fn` and returns the error it throws (fails if it does not). */
export async function failure(fn: () => Promise<unknown>): Promise<Error & { name: string; Code?: string; $metadata?: { httpStatusCode?: number; requestId?: string } }> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof Error) return e;
    throw new Error(`threw a non-Error: ${String(e)}`);
  }
  throw new Error('expected a failure, got success');
}

/**
 * A clean environment for spawning the AWS CLIs or botocore: no inherited AWS_* settings, no
 * config or credentials files, no instance metadata lookups, no pager.
 */
export function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/tmp',
    LANG: 'C.UTF-8',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...extra,
  };
}
