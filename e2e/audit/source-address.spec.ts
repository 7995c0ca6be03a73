import { expect, test } from '@playwright/test';
import { signIn } from '../fixtures/sign-in';
import { query } from '../fixtures/stack';

// Headers a client may send to pose as someone else: the left of X-Forwarded-For, X-Real-IP, and
// Keyport's own peer header without the server's per-process token.
const FORGED = {
  'X-Forwarded-For': '203.0.113.66',
  'X-Real-IP': '203.0.113.67',
  'X-Keyport-Peer': 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA 203.0.113.68',
};

test('the audit records the connection address as source_ip, never a forged X-Forwarded-For', async ({ page }) => {
  await page.setExtraHTTPHeaders(FORGED);
  await signIn(page, 'alice');
  await page.getByRole('link', { name: 'Get credentials for Dev read-only' }).first().click();
  await page.getByRole('button', { name: '1 h' }).click();
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/credentials') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Get credentials' }).click();
  const res = await answer;
  expect(res.status()).toBe(200);
  // The browser really sent the forged headers.
  expect(res.request().headers()['x-forwarded-for']).toBe('203.0.113.66');
  const accessKeyId = ((await res.json()) as { credentials: { accessKeyId: string } }).credentials.accessKeyId;

  const rows = await query<{ type: string; source_ip: string | null }>(
    'SELECT type, source_ip FROM audit_events WHERE intent_id IN (SELECT intent_id FROM audit_events WHERE access_key_id = $1)',
    [accessKeyId],
  );
  expect(rows.map((r) => r.type).sort()).toEqual(['ISSUE_REQUESTED', 'ISSUE_SUCCEEDED']);
  // The browser connects over loopback; that is the address recorded.
  for (const r of rows) expect(r.source_ip).toMatch(/^(127\.0\.0\.1|::1)$/);
});
