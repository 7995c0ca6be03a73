// `npm run -s sandbox:read-secret -- <name> [--region us-east-1]` — reads a sandbox demo secret
// (the sandbox-only ReadDemoSecret action) with the credentials in AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (paste the `export` block Keyport shows). A refusal
// prints AWS's error with its "Encoded authorization failure message", to paste on Keyport's
// "Why denied?" page. Exit 0 when read, 1 when refused, 2 on bad usage.
import { parseArgs } from 'node:util';
import { readDemoSecretWith } from '../sandbox/aws/demo-secret-client';
import { sandboxSettings } from '../sandbox/settings';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { region: { type: 'string', default: 'us-east-1' } } });
const name = positionals[0];
const accessKeyId = process.env.AWS_ACCESS_KEY_ID ?? '';
const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY ?? '';
const sessionToken = process.env.AWS_SESSION_TOKEN ?? '';
if (!name || !accessKeyId || !secretAccessKey || !sessionToken) {
  process.stderr.write('usage: npm run -s sandbox:read-secret -- <secret name>   (with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN of a Keyport session set)\n');
  process.exit(2);
}
const s = sandboxSettings(process.env);
const answer = await readDemoSecretWith({ endpoint: s.awsUrl, region: values.region, credentials: { accessKeyId, secretAccessKey, sessionToken }, secretName: name });
if (answer.status === 200) {
  process.stdout.write(`${answer.value ?? ''}\n`);
  process.exit(0);
}
process.stderr.write(`An error occurred (${answer.code ?? answer.status}) when calling the ReadDemoSecret operation: ${answer.message ?? ''}\n`);
process.exit(1);
