// The values the issuance pipeline takes and returns, whichever federation mode and channel.
import type { TemporaryCredentials } from '@/lib/credentials/types';
import type { Db } from '@/lib/db/create-client';
import type { AppError } from '@/lib/errors/app-error';
import type { Logger } from '@/lib/log/logger';
import type { ChainedAssumeRoleInput } from '@/lib/sts/assume-role-chained';
import type { StsFailure, StsSuccess } from '@/lib/sts/assume-role-with-web-identity';

export interface IssueRequest {
  mappingId: string;
  durationSeconds: number;
  region: string;
}

export interface IssueContext {
  requestId: string;
  sourceIp: string | null;
  userAgent: string | null;
  /** The browser or the keyport CLI; recorded on every event of the issuance (absent: web). */
  channel?: 'web' | 'cli';
}

/** What every issuance needs, whichever federation it uses. */
export interface SharedIssueDeps {
  db: Db;
  log: Logger;
  globalStsEndpoint: string | undefined;
  rateLimitPerHour: number;
  /** Refusals audited one by one per person and hour; past it, 429 and a log-scaled audit. */
  refusalLimitPerHour: number;
  supportContact: string;
  /** Throws while a required audit sink is behind (AUDIT_SINK_REQUIRED); lib/audit/sinks. */
  assertAuditDelivered?: (() => Promise<void>) | undefined;
  /** Role chaining's second hop: sts:AssumeRole signed with the first hop's credentials. */
  assumeRoleChained?: ((opts: ChainedAssumeRoleInput) => Promise<StsSuccess | StsFailure>) | undefined;
}

export interface IssuedCredentials {
  credentials: TemporaryCredentials;
  assumedRoleArn: string;
  sessionName: string;
  roleArn: string;
  accountId: string;
  accountLabel: string;
  roleLabel: string;
  region: string;
  durationSeconds: number;
  partition: 'aws' | 'aws-cn' | 'aws-us-gov';
  requestId: string;
  /** Set when the duration granted is shorter than the one asked for, saying why. */
  notice?: string;
  /** Role chaining: the hub role the credentials were reached through (they are the target's). */
  chainedFrom?: { roleArn: string };
}

export type IssuableMapping = {
  id: string;
  idpGroup: string;
  idpKind: 'OIDC' | 'SAML' | 'BOTH';
  roleArn: string;
  enabled: boolean;
  maxDurationSeconds: number;
  accountId: string;
  accountLabel: string;
  roleLabel: string;
  stsRegion: string;
  allowedRegions: string[];
  sessionPolicy: string | null;
  managedPolicyArns: string[];
  stsEndpoint: string | null;
  samlProviderArn: string | null;
  /** The mapping's override of the deployment's FEDERATION_MODE; null: the deployment's. */
  federationMode: 'broker' | 'broker-saml' | 'passthrough' | null;
  /** IdP attributes sent as session tags in broker mode. */
  sessionTagAttributes: string[];
  /** Role chaining: the target role assumed with the first hop's credentials (sts:AssumeRole); null: none. */
  chainedRoleArn: string | null;
};

/** What `prepare` learned that the audit records (never a secret): SourceIdentity, tags sent … */
export interface Prepared {
  details: Record<string, unknown>;
}

/**
 * A federation mode: how AWS is asked (OIDC passthrough with the IdP's ID token, SAML passthrough
 * with the IdP's assertion, …). The pipeline around it is the same for every mode.
 */
export interface Federation {
  /** The RoleSessionName AWS will use (and the audit records). */
  sessionName: (m: IssuableMapping) => string;
  /** The duration to ask AWS for, and a notice when it is shorter than requested. */
  effectiveDuration?: (requested: number, m: IssuableMapping) => { seconds: number; notice?: string };
  /**
   * Every check of the mode that can fail (a renewed ID token, the assertion's Role pair …): it
   * runs after the quota and before anything is recorded. Throw an IssueRefusal to refuse.
   */
  prepare: (m: IssuableMapping) => Promise<void | Prepared>;
  call: (o: { m: IssuableMapping; endpoint: string; sessionName: string; durationSeconds: number }) => Promise<StsSuccess | StsFailure>;
  /** The AppError for an STS refusal, in words the person can act on. */
  explain: (result: StsFailure, m: IssuableMapping, partition: 'aws' | 'aws-cn' | 'aws-us-gov') => AppError;
  /** Extra (non-secret) details for ISSUE_REQUESTED. */
  details?: Record<string, unknown>;
}
