// Runs once when the server starts: a bad configuration stops the process before it serves.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig } = await import('@/lib/config');
  const { logger } = await import('@/lib/log');
  const cfg = getConfig();
  logger().info('keyport starting', { mode: cfg.mode, publicUrl: cfg.publicUrl, issuer: cfg.oidc.issuer });
}
