// Runs once when the server starts: a bad configuration stops the process before it serves.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig } = await import('@/lib/config');
  const { logger } = await import('@/lib/log');
  const cfg = getConfig();
  logger().info('keyport starting', { mode: cfg.mode, publicUrl: cfg.publicUrl, issuer: cfg.oidc.issuer });
  const { nodeEndOfLifeNotice } = await import('@/lib/runtime/node-support');
  const eol = nodeEndOfLifeNotice(process.versions.node, new Date());
  if (eol) logger().warn(eol);
  const { installGracefulShutdown } = await import('@/lib/shutdown/graceful-shutdown');
  installGracefulShutdown({ ...cfg.shutdown, log: logger() });
  // In a multi-worker server, every worker answers the primary's metrics requests (a scrape reaches one).
  const { installClusterMetrics } = await import('@/lib/metrics/cluster-metrics');
  const { readPoolGauges } = await import('@/lib/metrics/render-metrics');
  const { getDb } = await import('@/lib/db/client');
  installClusterMetrics(() => readPoolGauges(getDb()));
  // The hot JSON routes, for the server entry to serve without Next.js (lib/http/direct-routes.ts).
  const { installDirectRoutes } = await import('@/lib/http/direct-routes');
  installDirectRoutes();
  // The SAML IdP's metadata is fetched once, now, and cached (a failure is logged and retried on first use).
  if (cfg.saml) {
    const { samlIdp } = await import('@/lib/saml/saml-idp');
    await samlIdp().then(
      (idp) => logger().info('SAML IdP metadata loaded', { entityId: idp.entityId, certificates: idp.certs.length }),
      (e: unknown) => logger().error('SAML IdP metadata could not be loaded', { error: e }),
    );
  }
  // Audit upkeep: partitions ahead, intents left open by a crash closed, retention (issue #6).
  const { startAuditMaintenance } = await import('@/lib/audit/start-audit-maintenance');
  await startAuditMaintenance();
}
