// SimpleSAMLphp 1.19 (Debian's `simplesamlphp` package) as a third-party SAML IdP on loopback:
// its own configuration in a data folder (SIMPLESAMLPHP_CONFIG_DIR), served by `php -S`, with
// users from exampleauth:UserPass and two service providers, as an IdP admin would set it up for
// Keyport: Keyport itself (sign-in) and AWS (`urn:amazon:webservices`, from AWS's metadata), whose
// assertions are posted to Keyport's ACS with the AWS Role and RoleSessionName attributes.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { selfSignedCertificate } from '../../sandbox/saml/certificate';
import { requireCommand, requirePath, requirePhpModules, startChild, waitForHttp, type Child } from './processes';

export interface ThirdPartyPerson {
  username: string;
  password: string;
  name: string;
  email: string;
  groups: string[];
}

export interface SimpleSamlPhp {
  url: string;
  entityId: string;
  metadataUrl: string;
  close(): Promise<void>;
}

const WWW = '/usr/share/simplesamlphp/www';

/** PHP single-quoted string literal. */
function php(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
const phpList = (values: readonly string[]) => `[${values.map(php).join(', ')}]`;

export function checkSimpleSamlPhpInstalled(): void {
  requireCommand('php', 'php-cli');
  requirePhpModules({ dom: 'php-xml', simplexml: 'php-xml', xml: 'php-xml', curl: 'php-curl', mbstring: 'php-mbstring', openssl: 'php-cli' });
  requirePath(`${WWW}/saml2/idp/SSOService.php`, 'simplesamlphp');
  requirePath('/usr/share/simplesamlphp/modules/exampleauth', 'simplesamlphp');
}

export async function startSimpleSamlPhp(opts: {
  port: number;
  dataDir: string;
  portalUrl: string;
  people: readonly ThirdPartyPerson[];
  /** AWS Role attribute values ("roleArn,providerArn") for a person. */
  awsRolesFor: (p: ThirdPartyPerson) => string[];
  log: (line: string) => void;
}): Promise<SimpleSamlPhp> {
  checkSimpleSamlPhpInstalled();
  const url = `http://127.0.0.1:${opts.port}`;
  const dir = path.resolve(opts.dataDir);
  const configDir = path.join(dir, 'config');
  const metadataDir = path.join(dir, 'metadata');
  const certDir = path.join(dir, 'cert');
  for (const d of [configDir, metadataDir, certDir, path.join(dir, 'tmp'), path.join(dir, 'log'), path.join(dir, 'sessions'), path.join(dir, 'data')]) mkdirSync(d, { recursive: true });

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(path.join(certDir, 'idp.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  writeFileSync(path.join(certDir, 'idp.crt'), selfSignedCertificate({ privateKey, commonName: 'SimpleSAMLphp e2e IdP' }));

  writeFileSync(
    path.join(configDir, 'config.php'),
    `<?php
$config = [
  'baseurlpath' => ${php(`${url}/`)},
  'certdir' => ${php(`${certDir}/`)},
  'loggingdir' => ${php(`${path.join(dir, 'log')}/`)},
  'datadir' => ${php(`${path.join(dir, 'data')}/`)},
  'tempdir' => ${php(path.join(dir, 'tmp'))},
  'metadatadir' => ${php(`${metadataDir}/`)},
  'technicalcontact_name' => 'Keyport e2e',
  'technicalcontact_email' => 'na@example.org',
  'secretsalt' => ${php(Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2))},
  'auth.adminpassword' => ${php(Math.random().toString(36).slice(2))},
  'admin.protectindexpage' => true,
  'admin.protectmetadata' => false,
  'timezone' => 'UTC',
  'logging.level' => SimpleSAML\\Logger::INFO,
  'logging.handler' => 'file',
  'logging.logfile' => 'simplesamlphp.log',
  'enable.saml20-idp' => true,
  'enable.shib13-idp' => false,
  'session.cookie.secure' => false,
  'session.phpsession.cookiename' => 'SSPSESSID',
  'store.type' => 'phpsession',
  'language.default' => 'en',
  'module.enable' => ['exampleauth' => true, 'core' => true, 'saml' => true, 'admin' => true],
  'metadata.sources' => [['type' => 'flatfile']],
];
`,
  );

  const users = opts.people
    .map(
      (p) =>
        `    ${php(`${p.username}:${p.password}`)} => ['uid' => [${php(p.username)}], 'mail' => [${php(p.email)}], 'displayName' => [${php(p.name)}], 'groups' => ${phpList(p.groups)}, ` +
        `'https://aws.amazon.com/SAML/Attributes/Role' => ${phpList(opts.awsRolesFor(p))}, 'https://aws.amazon.com/SAML/Attributes/RoleSessionName' => [${php(p.email)}]],`,
    )
    .join('\n');
  writeFileSync(path.join(configDir, 'authsources.php'), `<?php\n$config = [\n  'admin' => ['core:AdminPassword'],\n  'keyport-users' => [\n    'exampleauth:UserPass',\n${users}\n  ],\n];\n`);

  writeFileSync(
    path.join(metadataDir, 'saml20-idp-hosted.php'),
    `<?php
$metadata['__DYNAMIC:1__'] = [
  'host' => '__DEFAULT__',
  'privatekey' => 'idp.key',
  'certificate' => 'idp.crt',
  'auth' => 'keyport-users',
  // SimpleSAMLphp's defaults, written out: the assertion is signed, the response is not.
  'saml20.sign.assertion' => true,
  'saml20.sign.response' => false,
  'attributes.NameFormat' => 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
  'NameIDFormat' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
];
`,
  );

  const acs = `${opts.portalUrl}/api/saml/acs`;
  writeFileSync(
    path.join(metadataDir, 'saml20-sp-remote.php'),
    `<?php
// Keyport's sign-in application.
$metadata[${php(`${opts.portalUrl}/api/saml/metadata`)}] = [
  'AssertionConsumerService' => [['Binding' => 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', 'Location' => ${php(acs)}, 'index' => 0]],
  'attributes' => ['uid', 'mail', 'displayName', 'groups'],
  'NameIDFormat' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
];
// AWS, as set up from https://signin.aws.amazon.com/static/saml-metadata.xml, with Keyport's ACS
// as a second AssertionConsumerService so that Keyport receives the assertion.
$metadata['urn:amazon:webservices'] = [
  'AssertionConsumerService' => [
    ['Binding' => 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', 'Location' => 'https://signin.aws.amazon.com/saml', 'index' => 0],
    ['Binding' => 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', 'Location' => ${php(acs)}, 'index' => 1],
  ],
  'attributes' => ['mail', 'https://aws.amazon.com/SAML/Attributes/Role', 'https://aws.amazon.com/SAML/Attributes/RoleSessionName'],
  'NameIDFormat' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
];
`,
  );

  const child: Child = startChild({
    name: 'simplesamlphp',
    command: 'php',
    args: ['-d', `session.save_path=${path.join(dir, 'sessions')}`, '-d', 'display_errors=stderr', '-S', `127.0.0.1:${opts.port}`, '-t', WWW],
    env: { SIMPLESAMLPHP_CONFIG_DIR: configDir },
    log: opts.log,
  });
  const entityId = `${url}/saml2/idp/metadata.php`;
  await waitForHttp(`http://127.0.0.1:${opts.port}/saml2/idp/metadata.php`, 30_000, child);
  return { url, entityId, metadataUrl: entityId, close: () => child.stop() };
}
