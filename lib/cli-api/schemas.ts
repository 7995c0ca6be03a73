// The zod schemas of the CLI's API: the routes parse their input with these, and the OpenAPI
// document (openapi-document.ts, served at /api/openapi.json) is generated from these same
// objects with zod's own JSON Schema generator, so the two cannot drift. Pure.
import { z } from 'zod';
import { PUBLIC_KEY_PATTERN } from '@/cli/src/shared/loopback-seal.js';
import { CODE_CHALLENGE_PATTERN, CODE_VERIFIER_PATTERN } from '@/lib/cli-auth/pkce';

export const CLI_CLIENT_ID = 'keyport-cli';

/** Every schema of the CLI API, by the name it has in the OpenAPI document's components. */
export const cliApiRegistry = z.registry<{ id: string; description?: string }>();

const clientName = z.string().min(1).max(120).describe('What the CLI calls itself on the Your devices page (its host name and OS).');

// --- OAuth endpoints (application/x-www-form-urlencoded, RFC 6749 / RFC 8628) ---

export const deviceAuthorizationRequest = z
  .object({
    client_id: z.literal(CLI_CLIENT_ID),
    client_name: clientName.optional(),
  })
  .register(cliApiRegistry, { id: 'DeviceAuthorizationRequest', description: 'RFC 8628 3.1' });

export const deviceAuthorizationResponse = z
  .object({
    device_code: z.string(),
    user_code: z.string().describe('XXXX-XXXX, to be typed on the approval page'),
    verification_uri: z.string(),
    expires_in: z.number().int(),
    interval: z.number().int(),
  })
  .register(cliApiRegistry, { id: 'DeviceAuthorizationResponse', description: 'RFC 8628 3.2 (verification_uri_complete is never offered: the code is typed)' });

export const tokenRequest = z
  .discriminatedUnion('grant_type', [
    z.object({
      grant_type: z.literal('authorization_code'),
      client_id: z.literal(CLI_CLIENT_ID),
      code: z.string().min(1).max(200),
      code_verifier: z.string().regex(CODE_VERIFIER_PATTERN),
      redirect_uri: z.string().min(1).max(200),
    }),
    z.object({
      grant_type: z.literal('urn:ietf:params:oauth:grant-type:device_code'),
      client_id: z.literal(CLI_CLIENT_ID),
      device_code: z.string().min(1).max(200),
    }),
    z.object({
      grant_type: z.literal('refresh_token'),
      client_id: z.literal(CLI_CLIENT_ID),
      refresh_token: z.string().min(1).max(200),
    }),
  ])
  .register(cliApiRegistry, { id: 'TokenRequest', description: 'RFC 6749 4.1.3 with PKCE (RFC 7636 4.5), RFC 8628 3.4, RFC 6749 6' });

export const tokenResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    refresh_token: z.string(),
    refresh_token_expires_in: z.number().int().describe('When this CLI sign-in ends (never after the Keyport session that approved it).'),
  })
  .register(cliApiRegistry, { id: 'TokenResponse', description: 'RFC 6749 5.1' });

export const oauthError = z
  .object({
    error: z.enum(['invalid_request', 'invalid_client', 'invalid_grant', 'unsupported_grant_type', 'authorization_pending', 'slow_down', 'access_denied', 'expired_token']),
    error_description: z.string().describe('A sentence that says what to do; the CLI prints it.'),
    keyport_reason: z.enum(['unknown', 'access_expired', 'refresh_expired', 'logout', 'device_revoked', 'person_revoked', 'refresh_reuse', 'session_ended']).optional(),
    interval: z.number().int().optional(),
  })
  .register(cliApiRegistry, { id: 'OAuthError', description: 'RFC 6749 5.2, RFC 8628 3.5' });

// --- Browser (cookie) endpoints behind the approval pages ---

export const authorizationRequest = z
  .object({
    response_type: z.literal('code'),
    client_id: z.literal(CLI_CLIENT_ID),
    redirect_uri: z.string().min(1).max(200),
    code_challenge: z.string().regex(CODE_CHALLENGE_PATTERN),
    code_challenge_method: z.literal('S256'),
    state: z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/),
    client_name: clientName.optional(),
  })
  .register(cliApiRegistry, { id: 'AuthorizationRequest', description: 'The query of /cli/authorize (RFC 6749 4.1.1, RFC 7636 4.3)' });

export const authorizationDecision = authorizationRequest.extend({ approve: z.boolean() }).register(cliApiRegistry, { id: 'AuthorizationDecision' });
export const authorizationDecisionResponse = z.object({ redirectTo: z.string() }).register(cliApiRegistry, { id: 'AuthorizationDecisionResponse' });

export const deviceLookupRequest = z.object({ userCode: z.string().min(1).max(32) }).register(cliApiRegistry, { id: 'DeviceLookupRequest' });
export const deviceLookupResponse = z
  .object({
    userCode: z.string(),
    clientName: z.string(),
    requesterIp: z.string().nullable(),
    requesterUserAgent: z.string().nullable(),
    requestedAt: z.string(),
    expiresAt: z.string(),
  })
  .register(cliApiRegistry, { id: 'DeviceLookupResponse' });
export const deviceDecisionRequest = z.object({ userCode: z.string().min(1).max(32), approve: z.boolean() }).register(cliApiRegistry, { id: 'DeviceDecisionRequest' });
export const deviceDecisionResponse = z.object({ approved: z.boolean() }).register(cliApiRegistry, { id: 'DeviceDecisionResponse' });

// --- Bearer (CLI token) endpoints ---

export const cliCredentialsRequest = z
  .object({
    role: z.string().min(1).max(2048).describe('A role ARN, or a role as `keyport roles` names it (<account-label>/<role-label>, or the role label alone when unique).'),
    durationSeconds: z.number().int().min(900).max(43_200).optional().describe("Default: the mapping's maximum."),
    region: z.string().min(1).max(32).optional().describe("Default: the mapping's default region."),
  })
  .register(cliApiRegistry, { id: 'CliCredentialsRequest' });

export const cliSamlStartRequest = cliCredentialsRequest
  .extend({
    redirectUri: z.string().min(1).max(200).describe('The CLI loopback listener (http://127.0.0.1:<port>/callback) the browser is sent back to.'),
    state: z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/),
    publicKey: z.string().regex(PUBLIC_KEY_PATTERN).describe('The X25519 public key (JWK "x") the result is sealed to; the CLI holds the private half for this request only.'),
  })
  .register(cliApiRegistry, { id: 'CliSamlStartRequest', description: 'SAML passthrough from the CLI: a fresh assertion needs the browser; the result comes back to the loopback, sealed.' });
export const cliSamlStartResponse = z.object({ redirectUrl: z.string().describe('The IdP URL for the browser') }).register(cliApiRegistry, { id: 'CliSamlStartResponse' });

export const issuedCredentials = z
  .object({
    credentials: z.object({ accessKeyId: z.string(), secretAccessKey: z.string(), sessionToken: z.string(), expiration: z.string() }),
    assumedRoleArn: z.string(),
    sessionName: z.string(),
    roleArn: z.string(),
    roleLabel: z.string(),
    accountId: z.string(),
    accountLabel: z.string(),
    region: z.string(),
    durationSeconds: z.number().int(),
    partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']),
    requestId: z.string(),
    notice: z.string().optional(),
  })
  .register(cliApiRegistry, { id: 'IssuedCredentials' });

export const catalogEntry = z
  .object({
    mappingId: z.string(),
    roleArn: z.string(),
    roleLabel: z.string(),
    description: z.string(),
    accountId: z.string(),
    accountLabel: z.string(),
    maxDurationSeconds: z.number().int(),
    allowedRegions: z.array(z.string()),
    defaultRegion: z.string(),
    viaGroups: z.array(z.string()),
    lastUsedAt: z.string().nullable(),
    browserRequired: z.boolean().describe('SAML passthrough: a fresh assertion from the IdP is needed, so the CLI opens the browser.'),
  })
  .register(cliApiRegistry, { id: 'CatalogEntry' });
export const rolesResponse = z.object({ roles: z.array(catalogEntry), groups: z.array(z.string()) }).register(cliApiRegistry, { id: 'RolesResponse' });

export const whoamiResponse = z
  .object({
    sub: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    idpKind: z.enum(['OIDC', 'SAML']),
    groups: z.array(z.string()),
    appRoles: z.array(z.string()),
    revoked: z.boolean(),
    accessTokenExpiresAt: z.string(),
    signInEndsAt: z.string(),
  })
  .register(cliApiRegistry, { id: 'WhoamiResponse' });

export const consoleRequest = z
  .object({
    accessKeyId: z.string().min(16).max(128),
    secretAccessKey: z.string().min(1).max(256),
    sessionToken: z.string().min(1).max(8192),
    destination: z.string().min(1).max(2048).optional().describe("An AWS console URL of the role's partition to land on (default: the console home)."),
  })
  .register(cliApiRegistry, { id: 'ConsoleRequest' });
export const consoleResponse = z.object({ url: z.string() }).register(cliApiRegistry, { id: 'ConsoleResponse' });

export const logoutResponse = z.object({ revoked: z.literal(true) }).register(cliApiRegistry, { id: 'LogoutResponse' });

export const appErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string().describe('A sentence that says what to do; the CLI prints it.'),
      requestId: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
      detail: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .register(cliApiRegistry, { id: 'Error' });
