// postinstall: generates the Prisma client. `prisma generate` needs no schema engine, but the CLI
// tries to download one unless PRISMA_SCHEMA_ENGINE_BINARY names a file; on machines without
// access to Prisma's binary host that download fails, so point it at a placeholder.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
const result = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
