// The OpenAPI 3.1 document of the CLI's API, served at /api/openapi.json. Its schemas are generated
// by zod's own JSON Schema generator (draft 2020-12, the dialect of OpenAPI 3.1) from the very
// schema objects the routes parse with (schemas.ts): a change to a route's input is a change here.
// openapi-document.test.ts checks every route the document names exists and uses those schemas. Pure.
import { z } from 'zod';
import { cliApiRegistry } from './schemas';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string) => ({ 'application/json': { schema: ref(id) } });
const form = (id: string) => ({ 'application/x-www-form-urlencoded': { schema: ref(id) } });
const errors = (codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c] ?? 'Refused', content: json('Error') }]));
const ERROR_TEXT: Record<number, string> = {
  401: 'Not signed in, or the CLI token was refused (`error.detail.reason` says why: expired, revoked, person revoked, session ended)',
  403: 'Not permitted (not entitled to the role, a person revocation in force)',
  404: 'Not found',
  409: 'Conflict (a role name two roles share; a role that needs the browser)',
  422: 'Invalid input, naming each field',
  429: 'Rate-limited (Retry-After)',
  502: 'AWS refused or did not answer',
  503: 'Keyport cannot record or reach its database; nothing was issued',
};
const bearer = [{ cliToken: [] }];
const cookie = [{ session: [] }];

export function openApiDocument(serverUrl: string) {
  const generated = z.toJSONSchema(cliApiRegistry, { target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}` });
  const schemas = Object.fromEntries(
    Object.entries(generated.schemas).map(([id, s]) => {
      const { $schema: _dialect, $id: _id, ...rest } = s as Record<string, unknown>;
      return [id, rest];
    }),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Keyport CLI API',
      version: '1',
      description: 'What the keyport command-line client calls. Keyport is the OAuth 2.0 authorization server for its own CLI: a public client (keyport-cli) using the authorization code grant with PKCE and a loopback redirect (RFC 8252), or the device authorization grant (RFC 8628). Tokens are opaque bearer tokens (RFC 6750). See docs/api.md.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        cliToken: { type: 'http', scheme: 'bearer', description: 'A keyport CLI access token (kpa_…), from /api/cli/token. Never accepted with a cookie.' },
        session: { type: 'apiKey', in: 'cookie', name: 'keyport.session', description: "The browser's session cookie (__Host-keyport.session over https); unsafe methods also need a same-origin Origin header." },
      },
      schemas,
    },
    paths: {
      '/api/cli/device': {
        post: { summary: 'Start a device sign-in (RFC 8628 3.1)', security: [], requestBody: { required: true, content: form('DeviceAuthorizationRequest') }, responses: { '200': { description: 'Device and user codes', content: json('DeviceAuthorizationResponse') }, '400': { description: 'OAuth error', content: json('OAuthError') } } },
      },
      '/api/cli/token': {
        post: {
          summary: 'Redeem a code, poll a device code, or refresh (RFC 6749 4.1.3, 6; RFC 8628 3.4)',
          security: [],
          requestBody: { required: true, content: form('TokenRequest') },
          responses: { '200': { description: 'Tokens', content: json('TokenResponse') }, '400': { description: 'OAuth error (authorization_pending, slow_down, invalid_grant with keyport_reason …)', content: json('OAuthError') }, '401': { description: 'Unknown client', content: json('OAuthError') } },
        },
      },
      '/api/cli/authorize': {
        post: { summary: "The person's answer on /cli/authorize (browser)", security: cookie, requestBody: { required: true, content: json('AuthorizationDecision') }, responses: { '200': { description: 'Where to send the browser (the loopback)', content: json('AuthorizationDecisionResponse') }, ...errors([401, 403, 422]) } },
      },
      '/api/cli/device/lookup': {
        post: { summary: 'What a typed user code is waiting for (browser)', security: cookie, requestBody: { required: true, content: json('DeviceLookupRequest') }, responses: { '200': { description: 'The pending request', content: json('DeviceLookupResponse') }, ...errors([401, 404, 409, 422, 429]) } },
      },
      '/api/cli/device/decision': {
        post: { summary: 'Approve or decline a device sign-in (browser)', security: cookie, requestBody: { required: true, content: json('DeviceDecisionRequest') }, responses: { '200': { description: 'The answer', content: json('DeviceDecisionResponse') }, ...errors([401, 404, 422]) } },
      },
      '/api/cli/whoami': { get: { summary: 'Identity, groups and token expiry', security: bearer, responses: { '200': { description: 'Who the token speaks for', content: json('WhoamiResponse') }, ...errors([401, 503]) } } },
      '/api/cli/roles': { get: { summary: 'The roles the person may assume', security: bearer, responses: { '200': { description: 'The catalog', content: json('RolesResponse') }, ...errors([401, 503]) } } },
      '/api/cli/credentials': {
        post: { summary: 'Issue credentials for a role (audited, channel cli)', security: bearer, requestBody: { required: true, content: json('CliCredentialsRequest') }, responses: { '200': { description: 'Credentials (Cache-Control: no-store)', content: json('IssuedCredentials') }, ...errors([401, 403, 409, 422, 429, 502, 503]) } },
      },
      '/api/cli/saml/start': {
        post: {
          summary: 'Start a SAML passthrough issuance for the CLI: the browser fetches a fresh assertion and comes back to the loopback with the result sealed to the CLI key',
          security: bearer,
          requestBody: { required: true, content: json('CliSamlStartRequest') },
          responses: { '200': { description: 'Where to send the browser', content: json('CliSamlStartResponse') }, ...errors([401, 403, 409, 422, 429]) },
        },
      },
      '/api/console': {
        post: { summary: 'An AWS console sign-in URL for credentials Keyport issued to you', security: [...bearer, ...cookie], requestBody: { required: true, content: json('ConsoleRequest') }, responses: { '200': { description: 'The URL', content: json('ConsoleResponse') }, ...errors([401, 404, 422, 502]) } },
      },
      '/api/cli/logout': { post: { summary: 'Revoke the CLI sign-in of this token', security: bearer, responses: { '200': { description: 'Revoked', content: json('LogoutResponse') }, ...errors([401, 404]) } } },
    },
  };
}
