import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Two projects: `unit` (pure logic, no I/O beyond memory) and `integration`
// (`*.int.test.ts`: the real embedded PostgreSQL and real sandbox services on loopback).
export default defineConfig({
  resolve: { alias: { '@': root, 'server-only': `${root}test/server-only-stub.ts` } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'sandbox/**/*.test.ts', 'scripts/**/*.test.ts', 'components/**/*.test.ts', 'bench/**/*.test.ts', 'deploy/**/*.test.ts', 'cli/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**', 'cli/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['node_modules/**', '.data/**'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
