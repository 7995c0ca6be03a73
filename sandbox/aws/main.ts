// Runs the sandbox AWS on its own, for manual poking with the AWS CLI:
//   npx tsx sandbox/aws/main.ts --issuer http://localhost:4001 --client-id keyport [--port 4566]
//     [--world sandbox/world.json] [--state .data/sandbox-aws-state.json] [--saml-metadata-url URL]
// Prints one JSON line per request (no secrets). The dev launcher calls startSandboxAws directly.
import { parseArgs } from 'node:util';
import { startSandboxAws } from './server';
import { loadWorld } from './world';

const { values } = parseArgs({
  options: {
    issuer: { type: 'string' },
    'client-id': { type: 'string' },
    port: { type: 'string', default: '4566' },
    host: { type: 'string', default: '127.0.0.1' },
    world: { type: 'string', default: 'sandbox/world.json' },
    state: { type: 'string' },
    'saml-metadata-url': { type: 'string' },
    'broker-issuer': { type: 'string', default: 'http://localhost:3000/oidc' },
  },
});

if (values.issuer === undefined || values['client-id'] === undefined) {
  process.stderr.write('usage: main.ts --issuer <OIDC issuer URL> --client-id <client id> [--port 4566] [--world path] [--state path] [--broker-issuer <Keyport issuer URL>]\n');
  process.exit(2);
}

const world = loadWorld(values.world, {
  OIDC_ISSUER: values.issuer,
  OIDC_CLIENT_ID: values['client-id'],
  ...(values['saml-metadata-url'] === undefined ? {} : { SAML_METADATA_URL: values['saml-metadata-url'] }),
  BROKER_ISSUER: values['broker-issuer'],
});
const aws = await startSandboxAws({
  world,
  port: Number(values.port),
  host: values.host,
  ...(values.state === undefined ? {} : { statePath: values.state }),
  log: (entry) => process.stdout.write(`${JSON.stringify(entry)}\n`),
});
process.stdout.write(`sandbox AWS (STS, IAM, console federation) listening on ${aws.url}\n`);
const stop = () => {
  void aws.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
