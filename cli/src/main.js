// The keyport command: subcommands declared here (commander), each implemented in its own module
// under commands/, imported only when it runs — so `keyport credential-process` with a warm cache
// loads commander, this file and the few modules of its own path, nothing else.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CLI_VERSION } from './client-info.js';
import { CliError, EXIT } from './errors.js';

/** @param {string} v */
function seconds(v) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 900 || n > 43_200) throw new InvalidArgumentError('must be a whole number of seconds from 900 to 43200');
  return n;
}

const urlOption = () => new Option('--url <portal>', "Keyport's address (default: KEYPORT_URL, else the one `keyport login` remembered)");
const roleOption = () => new Option('--role <name|arn>', 'the role: its ARN, or its name as `keyport roles` prints it').makeOptionMandatory();
const durationOption = () => new Option('--duration <seconds>', "how long the credentials last (default: the role's maximum)").argParser(seconds);
const regionOption = () => new Option('--region <region>', "the STS region (default: the role's default region)");

/** @param {string} text */
const examples = (text) => `\nExamples:\n${text}`;

export function program() {
  const p = new Command('keyport')
    .description('Sign in to Keyport and use its temporary AWS credentials from the AWS CLI and every AWS SDK.')
    .version(CLI_VERSION)
    .exitOverride()
    .showHelpAfterError()
    .enablePositionalOptions()
    .addHelpText(
      'after',
      `${examples(`  $ keyport login --url https://keyport.example.com
  $ keyport configure
  $ aws --profile prod-ProdReadOnly sts get-caller-identity`)}

Exit codes: 0 ok, ${EXIT.failure} failed, ${EXIT.usage} usage, ${EXIT.notLoggedIn} not logged in or login expired, ${EXIT.revoked} revoked, ${EXIT.notEntitled} not entitled, ${EXIT.unreachable} Keyport unreachable.`,
    );

  p.command('login')
    .description('Sign in through your browser (OAuth 2.0 with PKCE and a loopback redirect), or with a device code on a machine without one.')
    .addOption(urlOption())
    .option('--no-browser', 'print the sign-in URL on stderr instead of opening the browser')
    .option('--device-code', 'sign in with a code typed on another device (for headless machines)')
    .addHelpText('after', examples(`  $ keyport login --url https://keyport.example.com
  $ keyport login --no-browser      # prints: Open this URL to sign in: …
  $ keyport login --device-code     # prints a code to type at <Keyport>/cli/device`))
    .action(async (o) => (await import('./commands/login.js')).login(o));

  p.command('credential-process')
    .description("Print credentials as credential_process JSON for the AWS CLI and SDKs; cached until 15 minutes before they expire.")
    .addOption(roleOption())
    .addOption(durationOption())
    .addOption(regionOption())
    .addOption(urlOption())
    .addHelpText('after', examples(`  In ~/.aws/config (keyport configure writes these):
    [profile dev]
    credential_process = keyport credential-process --role arn:aws:iam::111122223333:role/Dev`))
    .action(async (o) => (await import('./commands/credential-process.js')).credentialProcess(o));

  p.command('configure')
    .description('Write one ~/.aws/config profile per role you may assume; every other profile and comment stays as it was, and the old file is kept as a backup.')
    .option('--template <template>', 'profile names, from <account-label>, <role-label>, <account-id>, <role-name>', '<account-label>-<role-label>')
    .option('--prune', 'remove the profiles keyport wrote earlier for roles you are no longer entitled to', false)
    .option('--config-file <path>', 'the file to write (default: AWS_CONFIG_FILE, else ~/.aws/config)')
    .option('--command <command>', 'how credential_process runs keyport (default: this keyport, by absolute paths)')
    .addOption(durationOption())
    .option('--dry-run', 'print the new file instead of writing it', false)
    .addOption(urlOption())
    .addHelpText('after', examples(`  $ keyport configure
  $ keyport configure --template 'kp-<role-name>' --prune`))
    .action(async (o) => (await import('./commands/configure.js')).configureCommand(o));

  p.command('env')
    .description("Print the credentials as exports in your shell's format (the same formatter as the web page).")
    .addOption(roleOption())
    .addOption(new Option('--format <format>', 'env (bash/zsh), fish, powershell, windows-cmd or env-no-export (default: from your shell)'))
    .addOption(durationOption())
    .addOption(regionOption())
    .addOption(urlOption())
    .addHelpText('after', examples(`  $ eval "$(keyport env --role dev)"
  > keyport env --role dev --format fish | source`))
    .action(async (o) => (await import('./commands/env.js')).envCommand(o));

  p.command('exec')
    .description('Run a command with the credentials (and region) in its environment.')
    .argument('<command...>', 'the command and its arguments, after --')
    .addOption(roleOption())
    .addOption(durationOption())
    .addOption(regionOption())
    .addOption(urlOption())
    .passThroughOptions()
    .addHelpText('after', examples(`  $ keyport exec --role dev -- aws s3 ls
  $ keyport exec --role prod-ProdReadOnly -- terraform plan`))
    .action(async (command, o) => (await import('./commands/exec.js')).execCommand(command, o));

  p.command('console')
    .description('Open the AWS console signed in with the role (the federation sign-in URL).')
    .addOption(roleOption())
    .addOption(regionOption())
    .option('--destination <url>', 'the console page to land on (an https URL of the AWS console)')
    .option('--no-browser', 'print the sign-in URL instead of opening it')
    .addOption(urlOption())
    .addHelpText('after', examples(`  $ keyport console --role dev
  $ keyport console --role dev --destination https://console.aws.amazon.com/s3/home`))
    .action(async (o) => (await import('./commands/console.js')).consoleCommand(o));

  p.command('roles')
    .description('List the roles you may assume.')
    .option('--json', 'as JSON', false)
    .addOption(urlOption())
    .addHelpText('after', examples('  $ keyport roles'))
    .action(async (o) => (await import('./commands/roles.js')).rolesCommand(o));

  p.command('whoami')
    .description('Show who you are signed in as, your groups, and when the sign-in ends.')
    .option('--json', 'as JSON', false)
    .addOption(urlOption())
    .addHelpText('after', examples('  $ keyport whoami'))
    .action(async (o) => (await import('./commands/whoami.js')).whoamiCommand(o));

  p.command('logout')
    .description('Revoke the CLI sign-in at Keyport and remove the cached credentials.')
    .addOption(urlOption())
    .addHelpText('after', examples('  $ keyport logout'))
    .action(async (o) => (await import('./commands/logout.js')).logoutCommand(o));

  return p;
}

/** @param {string[]} argv */
export async function main(argv) {
  try {
    await program().parseAsync(argv);
  } catch (e) {
    // Help and --version end with exit code 0; a usage error has been printed by commander.
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : EXIT.usage;
      return;
    }
    if (e instanceof CliError) {
      process.stderr.write(`keyport: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
      process.exitCode = e.exitCode;
      return;
    }
    // Never an exception's text: it could quote a response. The name says enough to report it.
    process.stderr.write(`keyport: unexpected error (${e instanceof Error ? e.name : typeof e}); set KEYPORT_DEBUG=1 for details.\n`);
    if (process.env.KEYPORT_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack ?? ''}\n`);
    process.exitCode = EXIT.failure;
  }
}
