// keyport console: opens the AWS console signed in with the role's credentials (the federation
// sign-in URL Keyport builds for credentials it issued to you).
import { api } from '../api.js';
import { apiContext } from '../context.js';
import { roleCredentials } from '../credentials.js';
import { openBrowser } from '../open-browser.js';

/** @param {{ role: string; region?: string; destination?: string; url?: string; browser: boolean }} opts */
export async function consoleCommand(opts) {
  const ctx = apiContext(opts);
  const c = await roleCredentials(ctx, { role: opts.role, region: opts.region });
  const { url } = await api(ctx, '/api/console', {
    method: 'POST',
    body: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, ...(opts.destination ? { destination: opts.destination } : {}) },
  });
  // The URL carries a single-use sign-in token, valid for 15 minutes: it goes to the browser, or to the terminal when asked.
  if (!opts.browser || !(await openBrowser(url))) process.stdout.write(`${url}\n`);
  else process.stderr.write('The AWS console opened in your browser.\n');
}
