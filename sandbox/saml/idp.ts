// The sandbox SAML IdP: metadata at a URL, SP-initiated SSO over the HTTP-Redirect binding, a
// sign-in page for the demo people (idp 'saml' or 'both'), and responses posted back over the
// HTTP-POST binding with a signed assertion. Two service providers are known: Keyport itself
// (sign-in: audience and Recipient are Keyport's) and AWS (issuance: audience and Recipient are
// https://signin.aws.amazon.com/saml, with the AWS Role / RoleSessionName / SessionDuration
// attributes), both answering at Keyport's ACS URL.
import { createHash, generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import type { DemoPerson } from '../people';
import { STYLESHEET, STYLESHEET_PATH } from '../oidc/pages';
import { idpMetadataXml as metadataXml } from '../../lib/saml/idp-metadata-xml';
import { signedResponse } from './build-response';
import { certificateFitsKey, selfSignedCertificate } from './certificate';
import { pageHeaders, postResponsePage, samlLoginPage, samlMessagePage } from './pages';
import { HttpError, readForm } from '../http-form';

export const AWS_SP_ENTITY_ID = 'urn:amazon:webservices';
export const AWS_SIGNIN_SAML = 'https://signin.aws.amazon.com/saml';

export interface SamlSpRegistration {
  entityId: string;
  name: string;
  acsUrls: string[];
  audience: string;
  /** SubjectConfirmationData Recipient: the ACS URL itself, or a fixed one (AWS's). */
  recipient: 'acs' | string;
  /** Add the AWS attributes (Role pairs from the person's groups, RoleSessionName, SessionDuration). */
  aws: boolean;
}

export interface StartSamlIdpOptions {
  port?: number;
  host?: string;
  /** Public base URL; default http://localhost:<port>. */
  baseUrl?: string;
  people: readonly DemoPerson[];
  sps: SamlSpRegistration[];
  /** AWS Role attribute values ("roleArn,providerArn") for a person's groups. */
  awsRolesFor: (groups: readonly string[]) => string[];
  groupsAttribute?: string;
  /** SessionDuration attribute sent to AWS; omitted when undefined. */
  sessionDurationSeconds?: number;
  /** JSON file keeping the signing key and certificate across restarts. */
  statePath?: string;
  log?: (entry: Record<string, unknown>) => void;
  /** Where a repaired state file is reported (default: a line on stderr). */
  warn?: (message: string) => void;
}

export interface SamlIdp {
  url: string;
  entityId: string;
  metadataUrl: string;
  ssoUrl: string;
  certPem: string;
  /** Signs a response like the IdP would (tests craft variants with the key). */
  key: { privateKeyPem: string; certPem: string };
  close(): Promise<void>;
}

const MAX_FORM_BYTES = 64 * 1024;
const SESSION_TTL_MS = 8 * 3600_000;
const SESSION_COOKIE = 'sandbox_saml_session';

export function samlSubjectFor(username: string): string {
  return createHash('sha256').update(`keyport-sandbox-saml:${username}`).digest('base64url').slice(0, 27);
}

/**
 * The IdP's signing key and certificate, kept across restarts. A stored certificate that OpenSSL
 * cannot parse (the hand-built encoder of earlier versions wrote one about once in a hundred) or
 * that does not fit the key is replaced, with a new key, and said so.
 */
function loadOrCreateKey(statePath: string | undefined, warn: (m: string) => void): { privateKeyPem: string; certPem: string } {
  if (statePath && existsSync(statePath)) {
    const stored = JSON.parse(readFileSync(statePath, 'utf8')) as { privateKeyPem: string; certPem: string };
    if (certificateFitsKey(stored.certPem, stored.privateKeyPem)) return stored;
    warn(`sandbox SAML IdP: the stored signing certificate in ${statePath} does not parse; replaced it with a new key and certificate`);
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), certPem: selfSignedCertificate({ privateKey, commonName: 'Keyport sandbox SAML IdP' }) };
  if (statePath) {
    mkdirSync(path.dirname(statePath), { recursive: true });
    writeFileSync(`${statePath}.tmp`, JSON.stringify(key, null, 2), { mode: 0o600 });
    renameSync(`${statePath}.tmp`, statePath);
  }
  return key;
}

interface AuthnRequest {
  id: string;
  issuer: string;
  acsUrl: string | null;
}

function parseAuthnRequest(samlRequest: string): AuthnRequest {
  let xml: string;
  try {
    xml = inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
  } catch {
    throw new HttpError(400, 'Bad sign-in request', 'The SAMLRequest is not a deflated, base64-encoded AuthnRequest.');
  }
  if (/<!DOCTYPE/i.test(xml)) throw new HttpError(400, 'Bad sign-in request', 'DOCTYPE is not allowed.');
  const root = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml').documentElement;
  if (!root || root.localName !== 'AuthnRequest') throw new HttpError(400, 'Bad sign-in request', 'The SAMLRequest is not an AuthnRequest.');
  const issuer = root.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Issuer')[0]?.textContent?.trim() ?? '';
  const id = root.getAttribute('ID') ?? '';
  if (!id || !issuer) throw new HttpError(400, 'Bad sign-in request', 'The AuthnRequest has no ID or Issuer.');
  return { id, issuer, acsUrl: root.getAttribute('AssertionConsumerServiceURL') || null };
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** The sandbox IdP's metadata: the same document as Keyport's own (lib/saml/idp-metadata-xml.ts). */
export { metadataXml };

export async function startSamlIdp(opts: StartSamlIdpOptions): Promise<SamlIdp> {
  const log = opts.log ?? (() => undefined);
  const key = loadOrCreateKey(opts.statePath, opts.warn ?? ((m) => process.stderr.write(`[keyport] ${m}\n`)));
  const people = opts.people.filter((p) => p.idp === 'saml' || p.idp === 'both');
  const sessions = new Map<string, { username: string; until: number }>();
  const groupsAttribute = opts.groupsAttribute ?? 'groups';

  const server = createServer();
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('startSamlIdp: no TCP address');
  const url = `http://127.0.0.1:${address.port}`;
  const baseUrl = (opts.baseUrl ?? `http://localhost:${address.port}`).replace(/\/+$/, '');
  const entityId = `${baseUrl}/metadata`;
  const ssoUrl = `${baseUrl}/sso`;

  const spFor = (request: AuthnRequest): { sp: SamlSpRegistration; acsUrl: string } => {
    const sp = opts.sps.find((s) => s.entityId === request.issuer);
    if (!sp) throw new HttpError(400, 'Unknown application', `No application "${request.issuer}" is registered with this IdP.`);
    const acsUrl = request.acsUrl ?? sp.acsUrls[0] ?? '';
    if (!sp.acsUrls.includes(acsUrl)) throw new HttpError(400, 'Unknown return address', `${acsUrl} is not a registered ACS URL of ${sp.name}.`);
    return { sp, acsUrl };
  };

  const respond = (res: ServerResponse, person: DemoPerson, request: AuthnRequest, relayState: string | null): void => {
    const { sp, acsUrl } = spFor(request);
    const attributes: Record<string, string[]> = {
      email: [person.email],
      name: [person.name],
      username: [person.username],
      [groupsAttribute]: [...person.groups],
    };
    if (sp.aws) {
      attributes['https://aws.amazon.com/SAML/Attributes/Role'] = opts.awsRolesFor(person.groups);
      attributes['https://aws.amazon.com/SAML/Attributes/RoleSessionName'] = [person.email];
      if (opts.sessionDurationSeconds !== undefined) attributes['https://aws.amazon.com/SAML/Attributes/SessionDuration'] = [String(opts.sessionDurationSeconds)];
    }
    const signed = signedResponse(
      {
        issuer: entityId,
        destination: acsUrl,
        recipient: sp.recipient === 'acs' ? acsUrl : sp.recipient,
        audience: sp.audience,
        inResponseTo: request.id,
        nameId: samlSubjectFor(person.username),
        attributes,
      },
      key,
    );
    log({ event: 'saml.response', sp: sp.entityId, username: person.username });
    const nonce = randomBytes(16).toString('base64');
    send(res, 200, postResponsePage({ acsUrl, samlResponse: signed.base64, relayState, spName: sp.name, nonce }), nonce);
  };

  const send = (res: ServerResponse, status: number, body: string, nonce?: string): void => {
    res.statusCode = status;
    for (const [k, v] of Object.entries(pageHeaders(nonce))) res.setHeader(k, v);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(body);
  };

  const current = (req: IncomingMessage): DemoPerson | undefined => {
    const sid = cookie(req, SESSION_COOKIE);
    const s = sid ? sessions.get(sid) : undefined;
    if (!s || s.until < Date.now()) return undefined;
    return people.find((p) => p.username === s.username);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const u = new URL(req.url ?? '/', baseUrl);
    if (u.pathname === STYLESHEET_PATH) {
      res.setHeader('Content-Type', 'text/css; charset=utf-8');
      res.end(STYLESHEET);
      return;
    }
    if (u.pathname === '/metadata' && req.method === 'GET') {
      res.setHeader('Content-Type', 'application/samlmetadata+xml');
      res.end(metadataXml({ entityId, ssoUrl, certPem: key.certPem }));
      return;
    }
    if (u.pathname === '/health') {
      res.setHeader('Content-Type', 'application/json');
      res.end('{"ok":true}');
      return;
    }
    if (u.pathname === '/sso' && req.method === 'GET') {
      const samlRequest = u.searchParams.get('SAMLRequest') ?? '';
      const relayState = u.searchParams.get('RelayState');
      const request = parseAuthnRequest(samlRequest);
      const { sp } = spFor(request);
      const person = current(req);
      if (person) return respond(res, person, request, relayState);
      send(res, 200, samlLoginPage({ samlRequest, relayState, spName: sp.name, people }));
      return;
    }
    if (u.pathname === '/sso/login' && req.method === 'POST') {
      const form = await readForm(req, { maxBytes: MAX_FORM_BYTES });
      const samlRequest = form.get('SAMLRequest') ?? '';
      const relayState = form.get('RelayState');
      const request = parseAuthnRequest(samlRequest);
      const { sp } = spFor(request);
      const username = (form.get('username') ?? '').trim();
      const person = people.find((p) => p.username === username);
      const ok = sameSecret(form.get('password') ?? '', person?.password ?? '\u0000no-such-user');
      if (!person || !ok) {
        log({ event: 'saml.sign_in_failed' });
        send(res, 401, samlLoginPage({ samlRequest, relayState, spName: sp.name, people, username, error: 'Unknown username or wrong password.' }));
        return;
      }
      const sid = randomBytes(24).toString('base64url');
      sessions.set(sid, { username: person.username, until: Date.now() + SESSION_TTL_MS });
      res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax`);
      log({ event: 'saml.signed_in', username: person.username });
      return respond(res, person, request, relayState);
    }
    throw new HttpError(404, 'Not found', 'No such page.');
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) return send(res, err.status, samlMessagePage(err.title, err.message));
      log({ event: 'saml.error', error: err instanceof Error ? err.message : String(err) });
      send(res, 500, samlMessagePage('Something went wrong', 'The sandbox SAML IdP hit an internal error; see its log.'));
    });
  });
  log({ event: 'saml.listening', url, entityId });

  let closing: Promise<void> | undefined;
  return {
    url,
    entityId,
    metadataUrl: `${baseUrl}/metadata`,
    ssoUrl,
    certPem: key.certPem,
    key,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}
