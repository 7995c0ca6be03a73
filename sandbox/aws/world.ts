// The sandbox AWS world (accounts, OIDC/SAML providers, roles, IAM admins), loaded from
// sandbox/world.json with its ${…} placeholders substituted and every part validated.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parsePolicy, PolicySyntaxError } from './policy';

const AccountId = z.string().regex(/^\d{12}$/, 'an account id is 12 digits');
const Region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'a region looks like eu-west-1');
const RoleArn = z
  .string()
  .regex(/^arn:aws:iam::\d{12}:role\/([\x21-\x7e]+\/)?[\w+=,.@-]{1,64}$/, 'a role ARN looks like arn:aws:iam::111122223333:role/Name');
const PolicyDocument = z.record(z.string(), z.unknown());

const Account = z.object({
  id: AccountId,
  label: z.string(),
  /** Regions whose STS endpoint is deactivated for this account (in addition to the world's). */
  disabledRegions: z.array(Region).default([]),
});

const OidcProvider = z.object({
  account: AccountId,
  url: z.string().regex(/^https?:\/\/[^\s]+$/, 'an OIDC provider url is the issuer, http(s)://…'),
  clientIds: z.array(z.string().min(1)).min(1),
  thumbprints: z.array(z.string()).default([]),
});

const SamlProvider = z
  .object({
    account: AccountId,
    name: z.string().regex(/^[\w._-]{1,128}$/),
    metadataUrl: z.string().optional(),
    metadataXml: z.string().optional(),
  })
  .refine((p) => (p.metadataUrl === undefined) !== (p.metadataXml === undefined), {
    message: 'a SAML provider has exactly one of metadataUrl or metadataXml',
  });

const Role = z.object({
  arn: RoleArn,
  description: z.string().default(''),
  maxSessionDuration: z.int().min(3600).max(43200).default(3600),
  trustPolicy: PolicyDocument,
  inlinePolicies: z.record(z.string().regex(/^[\w+=,.@-]{1,128}$/), PolicyDocument).default({}),
  /** Optional fixed RoleId (AROA…); derived from the ARN otherwise. */
  roleId: z.string().regex(/^AROA[A-Z0-9]{16}$/).optional(),
  createDate: z.iso.datetime().optional(),
});

const IamAdmin = z.object({
  account: AccountId,
  userName: z.string().regex(/^[\w+=,.@-]{1,64}$/),
  accessKeyId: z.string().regex(/^AKIA[A-Z0-9]{16}$/, 'an access key id is AKIA + 16 of [A-Z0-9]'),
  secretAccessKey: z.string().length(40),
});

export const WorldSchema = z
  .object({
    $comment: z.string().optional(),
    accounts: z.array(Account).min(1),
    oidcProviders: z.array(OidcProvider).default([]),
    samlProviders: z.array(SamlProvider).default([]),
    roles: z.array(Role).default([]),
    iamAdmins: z.array(IamAdmin).default([]),
    /** Regions whose STS endpoint answers RegionDisabledException, for every account. */
    disabledRegions: z.array(Region).default([]),
  })
  .superRefine((world, ctx) => {
    const accounts = new Set(world.accounts.map((a) => a.id));
    const needAccount = (account: string, path: (string | number)[]) => {
      if (!accounts.has(account)) ctx.addIssue({ code: 'custom', message: `unknown account ${account}`, path });
    };
    world.oidcProviders.forEach((p, i) => needAccount(p.account, ['oidcProviders', i, 'account']));
    world.samlProviders.forEach((p, i) => needAccount(p.account, ['samlProviders', i, 'account']));
    world.iamAdmins.forEach((a, i) => needAccount(a.account, ['iamAdmins', i, 'account']));
    const names = new Map<string, number>();
    world.roles.forEach((role, i) => {
      needAccount(accountOfArn(role.arn), ['roles', i, 'arn']);
      // IAM role names are unique within an account (whatever their path); accounts may reuse them.
      const name = `${accountOfArn(role.arn)}/${roleNameOf(role.arn)}`;
      const seen = names.get(name);
      if (seen !== undefined) {
        ctx.addIssue({ code: 'custom', message: `role name ${roleNameOf(role.arn)} is also used by roles[${seen}] in the same account; IAM calls address roles by name`, path: ['roles', i, 'arn'] });
      }
      names.set(name, i);
      const check = (doc: unknown, kind: 'trust' | 'identity', path: (string | number)[]) => {
        try {
          parsePolicy(doc, kind);
        } catch (e) {
          if (!(e instanceof PolicySyntaxError)) throw e;
          ctx.addIssue({ code: 'custom', message: e.message, path });
        }
      };
      check(role.trustPolicy, 'trust', ['roles', i, 'trustPolicy']);
      for (const [policyName, doc] of Object.entries(role.inlinePolicies)) {
        check(doc, 'identity', ['roles', i, 'inlinePolicies', policyName]);
      }
    });
    const keyIds = new Set<string>();
    world.iamAdmins.forEach((a, i) => {
      if (keyIds.has(a.accessKeyId)) ctx.addIssue({ code: 'custom', message: 'duplicate accessKeyId', path: ['iamAdmins', i, 'accessKeyId'] });
      keyIds.add(a.accessKeyId);
    });
    const providers = new Set<string>();
    world.oidcProviders.forEach((p, i) => {
      const arn = oidcProviderArn(p);
      if (providers.has(arn)) ctx.addIssue({ code: 'custom', message: `duplicate provider ${arn}`, path: ['oidcProviders', i] });
      providers.add(arn);
    });
  });

export type World = z.output<typeof WorldSchema>;
export type WorldRole = World['roles'][number];
export type WorldOidcProvider = World['oidcProviders'][number];
export type WorldSamlProvider = World['samlProviders'][number];
export type WorldIamAdmin = World['iamAdmins'][number];

export interface WorldVars {
  OIDC_ISSUER: string;
  OIDC_CLIENT_ID: string;
  SAML_METADATA_URL?: string;
  /** Keyport's own issuer (broker mode) and the audience of its tokens (default sts.amazonaws.com). */
  BROKER_ISSUER?: string;
  BROKER_AUDIENCE?: string;
  /** Keyport's SAML IdP metadata (SAML broker mode); unset: an unreachable URL (the provider then verifies nothing). */
  BROKER_SAML_METADATA_URL?: string;
}

/** `https://idp.example.com/x` → `idp.example.com/x`: how IAM names an OIDC provider. */
export function withoutScheme(url: string): string {
  return url.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//, '');
}

export function accountOfArn(arn: string): string {
  return arn.split(':')[4] ?? '';
}

/** The role name is the last path segment: `role/platform/ProdAdmin` → `ProdAdmin`. */
export function roleNameOf(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  return resource.split('/').pop() ?? '';
}

/** `role/platform/ProdAdmin` → `/platform/`. */
export function rolePathOf(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  const parts = resource.split('/');
  return parts.length <= 2 ? '/' : `/${parts.slice(1, -1).join('/')}/`;
}

export function oidcProviderArn(p: { account: string; url: string }): string {
  return `arn:aws:iam::${p.account}:oidc-provider/${withoutScheme(p.url)}`;
}

export function samlProviderArn(p: { account: string; name: string }): string {
  return `arn:aws:iam::${p.account}:saml-provider/${p.name}`;
}

function substitute(value: unknown, vars: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') {
    // Only our own upper-case placeholders: IAM policy variables like ${aws:username} stay.
    return value.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (match, name: string) => {
      if (!(name in vars)) return match;
      const replacement = vars[name];
      if (replacement === undefined) throw new Error(`world: \${${name}} is used but no ${name} was given to loadWorld`);
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (typeof value === 'object' && value !== null) {
    // `$comment`/`$schema` are prose about the placeholders: left as written (keys like
    // `${OIDC_PROVIDER}:aud` are substituted).
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => (/^\$[A-Za-z]/.test(k) ? [k, v] : [substitute(k, vars) as string, substitute(v, vars)])),
    );
  }
  return value;
}

/** Validates an already-parsed world document, substituting the placeholders first. */
export function parseWorld(raw: unknown, vars: WorldVars): World {
  const substituted = substitute(raw, {
    OIDC_ISSUER: vars.OIDC_ISSUER,
    OIDC_PROVIDER: withoutScheme(vars.OIDC_ISSUER),
    OIDC_CLIENT_ID: vars.OIDC_CLIENT_ID,
    SAML_METADATA_URL: vars.SAML_METADATA_URL,
    BROKER_ISSUER: vars.BROKER_ISSUER,
    BROKER_PROVIDER: vars.BROKER_ISSUER === undefined ? undefined : withoutScheme(vars.BROKER_ISSUER),
    BROKER_AUDIENCE: vars.BROKER_AUDIENCE ?? 'sts.amazonaws.com',
    BROKER_SAML_METADATA_URL: vars.BROKER_SAML_METADATA_URL ?? 'http://127.0.0.1:9/saml-idp/metadata',
  });
  const result = WorldSchema.safeParse(substituted);
  if (!result.success) throw new Error(`world is invalid:\n${z.prettifyError(result.error)}`);
  return result.data;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`world: cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The world of a file; `extra` adds the providers and roles of a second file (e.g. the third-party
 * IdPs of the e2e suite, test/third-party/world.json), with placeholders of its own.
 */
export function loadWorld(path: string, vars: WorldVars, extra?: { file: string; vars: Record<string, string> }): World {
  const raw = readJson(path);
  if (!extra) return parseWorld(raw, vars);
  const more = substitute(readJson(extra.file), extra.vars) as Record<string, unknown>;
  const base = raw as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...base };
  for (const key of ['oidcProviders', 'samlProviders', 'roles'] as const) {
    const a = Array.isArray(base[key]) ? (base[key] as unknown[]) : [];
    const b = Array.isArray(more[key]) ? (more[key] as unknown[]) : [];
    merged[key] = [...a, ...b];
  }
  return parseWorld(merged, vars);
}
