// What every command that talks to Keyport needs: the portal URL and the secure store.
import { configDir, portalUrl } from './config.js';
import { openSecureStore } from './secure-store.js';

/** @param {{ url?: string | undefined }} opts @returns {import('./api.js').ApiContext & { dir: string }} */
export function apiContext(opts) {
  const dir = configDir();
  return { dir, url: portalUrl(opts, dir), store: openSecureStore(dir) };
}
