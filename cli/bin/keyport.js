#!/usr/bin/env node
// The keyport command (see src/main.js). Plain ESM, no build step: runs as it is on Node 20.19+.
// `credential-process` with a fresh cached answer is served by src/fast-credential-process.js,
// which loads almost nothing (the AWS CLI starts it before every command); everything else, a
// cache miss included, goes through the full command line.
const args = process.argv.slice(2);
const served = args[0] === 'credential-process' && (await import('../src/fast-credential-process.js')).fastCredentialProcess(args.slice(1));
if (!served) await (await import('../src/main.js')).main(process.argv);
