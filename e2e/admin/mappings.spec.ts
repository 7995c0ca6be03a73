// The mapping editor end to end: an admin maps a new group to a role, a person given that group in
// the IdP gets working credentials, and disabling the mapping takes the role away again.
import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from '../fixtures/sign-in';
import { callerIdentity, E2E, parseEnvBlock, query } from '../fixtures/stack';

const SECURITY_AUDIT = 'arn:aws:iam::111122223333:role/SecurityAudit';

/** Changes erin's groups on the sandbox IdP's people page (tokens issued afterwards carry them). */
async function editErinGroups(page: Page, change: (groups: string[]) => string[]): Promise<void> {
  await page.goto(`${E2E.oidcIssuer}/sandbox/people`);
  const box = page.getByLabel('Groups of erin', { exact: true });
  const groups = (await box.inputValue()).split(/[\n,]+/).map((g) => g.trim()).filter(Boolean);
  await box.fill(change(groups).join('\n'));
  await page.getByRole('button', { name: 'Save groups of erin', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Saved the groups of erin');
}

async function newPage(browser: Browser, opts: { clipboard?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E.portalUrl, permissions: opts.clipboard ? ['clipboard-read', 'clipboard-write'] : [] });
  return context.newPage();
}

async function deleteMappingAsAdmin(admin: Page, id: string): Promise<void> {
  const origin = new URL(E2E.portalUrl).origin;
  await admin.request.delete(`/api/admin/mappings/${id}`, { headers: { origin } });
}

test('admin maps a new group; erin, given the group in the IdP, gets working credentials; disabling takes them away', async ({ page: admin, browser }) => {
  const suffix = randomUUID().slice(0, 8);
  const group = `e2e-grp-${suffix}`;
  const label = `E2E security audit ${suffix}`;
  const erin = await newPage(browser, { clipboard: true });
  let mappingId: string | undefined;
  try {
    // 1. The admin creates the mapping in the editor and sees the trust policy the role needs.
    await signIn(admin, 'adam');
    await admin.getByRole('link', { name: 'Mappings' }).click();
    await admin.getByRole('link', { name: 'New mapping' }).click();
    await expect(admin.getByRole('heading', { level: 1, name: 'New mapping' })).toBeVisible();
    await admin.getByLabel('IdP group').fill(group);
    await admin.getByLabel('Role ARN').fill(SECURITY_AUDIT);
    // The account is a record of its own: the ARN's account is picked from the list.
    await expect(admin.getByLabel('Account', { exact: true })).toHaveValue('111122223333');
    await admin.getByLabel('Account', { exact: true }).selectOption({ label: 'sandbox-dev (111122223333)' });
    await admin.getByLabel('Role label').fill(label);
    await admin.getByLabel('Hours').fill('1');
    await admin.getByLabel('Minutes').fill('0');
    // Regions are grouped by geography, with a search.
    await admin.getByLabel('Find a region').fill('ireland');
    await expect(admin.getByRole('group', { name: 'Europe' }).getByRole('checkbox')).toHaveCount(1);
    await admin.getByRole('checkbox', { name: 'eu-west-1' }).check();
    await expect(admin.getByTestId('trust-policy')).toContainText('sts:AssumeRoleWithWebIdentity');
    // Before saving: whose access it adds (nobody has the new group yet; the group gains the role).
    await admin.getByRole('button', { name: 'Preview access change' }).click();
    await expect(admin.getByTestId('access-diff')).toContainText(group);
    await admin.getByRole('button', { name: 'Create mapping' }).click();
    await expect(admin.getByText('Mapping created.')).toBeVisible();
    mappingId = admin.url().split('/admin/mappings/')[1]?.split('?')[0];
    expect(mappingId).toMatch(/^[0-9a-f-]{36}$/);
    // The sandbox runs in broker mode: the role trusts Keyport's own issuer, only for tokens minted for it.
    const brokerProvider = `${E2E.portalUrl.replace('http://', '')}/oidc`;
    await expect(admin.getByTestId('federation-mode')).toContainText('Federation mode: broker');
    await expect(admin.getByTestId('trust-policy')).toContainText(`"${brokerProvider}:aud": "sts.amazonaws.com"`);
    await expect(admin.getByTestId('trust-policy')).toContainText(`"${brokerProvider}:sub": "role:${SECURITY_AUDIT}:person:*"`);
    await expect(admin.getByTestId('oidc-provider-command')).toContainText(`aws iam create-open-id-connect-provider --url '${E2E.portalUrl}/oidc' --client-id-list 'sts.amazonaws.com'`);
    await expect(admin.getByTestId('terraform')).toContainText('aws_iam_openid_connect_provider');
    await expect(admin.getByTestId('cloudformation')).toContainText('AWS::IAM::OIDCProvider');
    await expect(admin.getByTestId('trust-command')).toContainText("aws iam update-assume-role-policy --role-name 'SecurityAudit'");
    const audit = await query<{ type: string; actor_email: string }>('SELECT type, actor_email FROM audit_events WHERE mapping_id = $1', [mappingId]);
    expect(audit).toEqual([{ type: 'MAPPING_CREATED', actor_email: 'adam@example.com' }]);

    // 2. Erin gets the group in the IdP, signs in and sees the new role; the credentials work.
    await editErinGroups(erin, (groups) => [...groups.filter((g) => g !== group), group]);
    await signIn(erin, 'erin');
    await erin.getByRole('link', { name: `Get credentials for ${label}` }).click();
    await erin.getByRole('button', { name: '1 h' }).click();
    await erin.getByRole('button', { name: 'Get credentials' }).click();
    await expect(erin.getByTestId('assumed-role-arn')).toHaveText('arn:aws:sts::111122223333:assumed-role/SecurityAudit/erin@example.com');
    await erin.getByTestId('copy-format-env').click();
    const env = parseEnvBlock(await erin.evaluate(() => navigator.clipboard.readText()));
    const arn = await callerIdentity({ accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '', sessionToken: env.AWS_SESSION_TOKEN ?? '' });
    expect(arn).toBe('arn:aws:sts::111122223333:assumed-role/SecurityAudit/erin@example.com');

    // 3. The admin disables the mapping (after seeing that erin loses the role).
    await admin.getByRole('button', { name: 'Disable…' }).click();
    await expect(admin.getByRole('dialog', { name: 'Confirm disable' })).toContainText('erin@example.com');
    await admin.getByRole('button', { name: 'Disable this mapping' }).click();
    await expect(admin.getByTestId('mapping-status')).toHaveText('Disabled');
    const disabled = await query<{ type: string }>("SELECT type FROM audit_events WHERE mapping_id = $1 AND type = 'MAPPING_DISABLED'", [mappingId]);
    expect(disabled).toHaveLength(1);

    // 4. The role is gone from her catalog, and a direct request for it is refused.
    await erin.goto('/');
    await expect(erin.getByTestId('signed-in-user')).toBeVisible();
    await expect(erin.getByRole('link', { name: `Get credentials for ${label}` })).toHaveCount(0);
    const origin = new URL(E2E.portalUrl).origin;
    const res = await erin.request.post('/api/credentials', { data: { mappingId, durationSeconds: 900, region: 'us-east-1' }, headers: { origin } });
    expect(res.status()).toBe(403);
  } finally {
    await editErinGroups(erin, (groups) => groups.filter((g) => g !== group)).catch(() => undefined);
    await erin.context().close();
    if (mappingId) await deleteMappingAsAdmin(admin, mappingId);
  }
});

test('bad input is refused beside the field; labels with markup are shown as text; duplicates are refused', async ({ page }) => {
  const suffix = randomUUID().slice(0, 8);
  const group = `e2e-xss-${suffix}`;
  await signIn(page, 'adam');
  await page.goto('/admin/mappings/new');
  await page.getByLabel('IdP group').fill(group);
  await page.getByLabel('Role ARN').fill('arn:aws:iam::12345:role/X');
  // Inline: leaving the field says what is wrong, in plain words, before any save.
  await page.getByLabel('Role label').focus();
  await expect(page.getByTestId('error-roleArn')).toHaveText('The account id in the ARN has 5 characters; an AWS account id is 12 digits, like 123456789012.');
  await page.getByLabel('Role label').fill('x');
  await page.getByLabel('Hours').fill('0');
  await page.getByLabel('Minutes').fill('1');
  await page.getByLabel('Session policy (optional JSON)').fill('{"Statement": [');
  await page.getByRole('button', { name: 'Create mapping' }).click();
  // On submit, focus moves to the first field that is wrong.
  await expect(page.getByLabel('Role ARN')).toBeFocused();
  await expect(page.getByTestId('error-roleArn')).toContainText('12 digits');
  await expect(page.getByTestId('error-accountLabel')).toContainText('Choose the role’s account');
  await expect(page.getByTestId('error-maxDurationSeconds')).toContainText('900');
  await expect(page.getByTestId('error-sessionPolicy')).toContainText('valid JSON');
  await expect(page.getByLabel('Role ARN')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('form-problems')).toContainText('need a change');
  expect(await query('SELECT id FROM role_mappings WHERE idp_group = $1', [group])).toEqual([]);

  const origin = new URL(E2E.portalUrl).origin;
  const post = (data: Record<string, unknown>) => page.request.post('/api/admin/mappings', { data, headers: { origin } });
  const base = { idpGroup: group, idpKind: 'oidc', roleArn: 'arn:aws:iam::444455556666:role/ProdReadOnly', accountLabel: 'sandbox-prod', maxDurationSeconds: 900, stsRegion: 'us-east-1', allowedRegions: ['us-east-1'] };
  for (const bad of [{ stsRegion: 'attacker.example/' }, { allowedRegions: ['us-east-1', 'x#'] }, { maxDurationSeconds: 43201 }, { roleArn: 'arn:aws:iam::444455556666:user/ProdReadOnly' }]) {
    const res = await post({ ...base, roleLabel: 'x', ...bad });
    expect(res.status(), JSON.stringify(bad)).toBe(422);
    expect(Object.keys((await res.json()).error.fields)).toEqual(Object.keys(bad));
  }
  const payload = `<img src=x onerror="window.__xss=1">${suffix}`;
  const created = await post({ ...base, roleLabel: payload, description: '<script>window.__xss=2</script>' });
  expect(created.status()).toBe(201);
  const id = ((await created.json()) as { mapping: { id: string } }).mapping.id;
  try {
    expect((await post({ ...base, roleLabel: 'again' })).status()).toBe(409);
    // In the form, a duplicate names and links the mapping that exists.
    await page.goto('/admin/mappings/new');
    await page.getByLabel('IdP group').fill(group);
    await page.getByLabel('Role ARN').fill(base.roleArn);
    await page.getByLabel('Role label').fill('again');
    await page.getByRole('button', { name: 'Create mapping' }).click();
    await expect(page.getByTestId('form-error')).toContainText(`Group “${group}” already has the role ${base.roleArn}`);
    await expect(page.getByTestId('duplicate-link').getByRole('link')).toHaveAttribute('href', `/admin/mappings/${id}`);
    // The list: search finds it, with its last use (never yet).
    await page.goto('/admin/mappings');
    await page.getByLabel('Search', { exact: true }).fill(suffix);
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${suffix}`));
    await expect(page.getByTestId('mapping-row')).toHaveCount(1);
    await expect(page.getByTestId('mapping-row').filter({ hasText: group })).toContainText(payload);
    await expect(page.getByTestId('mapping-last-used')).toHaveText('Not in 90 days');
    await page.goto('/admin/mappings?account=444455556666&status=enabled');
    await expect(page.getByTestId('mapping-row').filter({ hasText: group })).toHaveCount(1);
    await page.goto('/admin/mappings?account=111122223333');
    await expect(page.getByTestId('mapping-row').filter({ hasText: group })).toHaveCount(0);
    await page.goto('/admin/mappings');
    await expect(page.getByTestId('mapping-row').filter({ hasText: group })).toContainText(payload);
    await page.goto(`/admin/mappings/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(payload);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  } finally {
    await deleteMappingAsAdmin(page, id);
  }
  expect(await query('SELECT type FROM audit_events WHERE mapping_id = $1 ORDER BY id', [id])).toEqual([{ type: 'MAPPING_CREATED' }, { type: 'MAPPING_DELETED' }]);
});

test('a lookalike group (Cyrillic а) is refused beside the field until the admin confirms it; the list marks it in words', async ({ page }) => {
  const suffix = randomUUID().slice(0, 8);
  const real = `e2e-paypal-${suffix}`;
  const fake = `e2e-p\u0430ypal-${suffix}`;
  const origin = new URL(E2E.portalUrl).origin;
  const base = { idpKind: 'oidc', roleArn: SECURITY_AUDIT, accountLabel: 'sandbox-dev', roleLabel: `Lookalike ${suffix}`, maxDurationSeconds: 900, stsRegion: 'us-east-1', allowedRegions: ['us-east-1'] };
  const ids: string[] = [];
  await signIn(page, 'adam');
  try {
    const created = await page.request.post('/api/admin/mappings', { data: { ...base, idpGroup: real }, headers: { origin } });
    expect(created.status()).toBe(201);
    ids.push(((await created.json()) as { mapping: { id: string } }).mapping.id);
    const refused = await page.request.post('/api/admin/mappings', { data: { ...base, idpGroup: fake }, headers: { origin } });
    expect(refused.status()).toBe(422);
    expect(((await refused.json()) as { error: { fields: Record<string, string> } }).error.fields.idpGroup).toContain('mixes Latin and Cyrillic letters');

    await page.goto('/admin/mappings/new');
    await page.getByLabel('IdP group').fill(fake);
    await page.getByLabel('Role ARN').fill(SECURITY_AUDIT);
    await page.getByLabel('Role label').fill(`Lookalike ${suffix}`);
    await page.getByLabel('Hours').fill('0');
    await page.getByLabel('Minutes').fill('15');
    await page.getByRole('button', { name: 'Create mapping' }).click();
    await expect(page.getByTestId('error-idpGroup')).toContainText(`mixes Latin and Cyrillic letters (Cyrillic: "\u0430" U+0430) and looks like the group "${real}" of another mapping`);
    expect(await query('SELECT id FROM role_mappings WHERE idp_group = $1', [fake])).toEqual([]);
    await page.getByRole('checkbox', { name: /save the lookalike group anyway/ }).check();
    await page.getByRole('button', { name: 'Create mapping' }).click();
    await expect(page.getByText('Mapping created.')).toBeVisible();
    const id = page.url().split('/admin/mappings/')[1]?.split('?')[0] ?? '';
    ids.push(id);
    expect(await query(`SELECT details->'lookalikeGroup' AS lookalike FROM audit_events WHERE mapping_id = $1 AND type = 'MAPPING_CREATED'`, [id])).toEqual([
      { lookalike: { confirmed: true, group: fake, scripts: ['Latin', 'Cyrillic'], looksLike: [real] } },
    ]);

    await page.goto('/admin/mappings');
    const rowOf = (group: string) => page.getByTestId('mapping-row').filter({ has: page.getByText(group, { exact: true }) });
    await expect(rowOf(fake).getByTestId('lookalike-badge')).toHaveText(`⚠ Lookalike group: mixes Latin and Cyrillic; looks like "${real}"`);
    await expect(rowOf(real).getByTestId('lookalike-badge')).toHaveText(`⚠ Lookalike group: looks like "${fake}"`);
    await expect(page.getByTestId('lookalike-summary')).toContainText('Warning:');
  } finally {
    for (const id of ids) await deleteMappingAsAdmin(page, id);
  }
});

test('import: a file with one bad row changes nothing and names the row; a good file is previewed, then applied', async ({ page }) => {
  const suffix = randomUUID().slice(0, 8);
  const row = (group: string, over: Record<string, unknown> = {}) => ({
    idpGroup: group,
    idpKind: 'oidc',
    roleArn: 'arn:aws:iam::444455556666:role/ProdReadOnly',
    accountLabel: 'sandbox-prod',
    roleLabel: `Imported ${suffix}`,
    description: '',
    maxDurationSeconds: 900,
    stsRegion: 'us-east-1',
    allowedRegions: ['us-east-1'],
    sessionPolicy: null,
    managedPolicyArns: [],
    samlProviderArn: null,
    enabled: true,
    ...over,
  });
  const groups = [`e2e-imp-${suffix}-a`, `e2e-imp-${suffix}-b`];
  await signIn(page, 'adam');
  await page.goto('/admin/mappings/import');
  try {
    await page.getByLabel('Mappings file (JSON)').fill(JSON.stringify({ version: 1, mappings: [row(groups[0]!), row(groups[1]!, { maxDurationSeconds: 60 })] }, null, 2));
    await page.getByRole('button', { name: 'Preview import' }).click();
    await expect(page.getByTestId('import-error')).toContainText('Nothing was imported');
    await expect(page.getByTestId('import-error')).toContainText(`Row 2 (${groups[1]} → arn:aws:iam::444455556666:role/ProdReadOnly): maxDurationSeconds`);
    expect(await query('SELECT id FROM role_mappings WHERE idp_group = ANY($1)', [groups])).toEqual([]);

    await page.getByLabel('Mappings file (JSON)').fill(JSON.stringify({ version: 1, mappings: [row(groups[0]!), row(groups[1]!)] }, null, 2));
    await page.getByRole('button', { name: 'Preview import' }).click();
    await expect(page.getByTestId('import-summary')).toContainText(`+ create ${groups[0]}`);
    expect(await query('SELECT id FROM role_mappings WHERE idp_group = ANY($1)', [groups])).toEqual([]);
    await page.getByRole('button', { name: 'Apply 2 changes' }).click();
    await expect(page.getByTestId('import-summary')).toContainText('Imported: 2 changes applied');
    expect(await query('SELECT idp_group FROM role_mappings WHERE idp_group = ANY($1) ORDER BY idp_group', [groups])).toEqual(groups.map((g) => ({ idp_group: g })));

    // The export lists them, in order, with the fields as written.
    const exported = (await (await page.request.get('/api/admin/mappings/export')).json()) as { mappings: Array<{ idpGroup: string }> };
    expect(exported.mappings.map((m) => m.idpGroup).filter((g) => groups.includes(g))).toEqual(groups);
  } finally {
    for (const { id } of await query<{ id: string }>('SELECT id FROM role_mappings WHERE idp_group = ANY($1)', [groups])) await deleteMappingAsAdmin(page, id);
  }
});

test('import: rows of lookalike groups are refused until the import confirms them; the confirmation is audited', async ({ page }) => {
  const suffix = randomUUID().slice(0, 8);
  const groups = [`e2e-imp-ops-${suffix}`, `e2e-imp-\u043Eps-${suffix}`];
  const row = (group: string) => ({ idpGroup: group, idpKind: 'oidc', roleArn: SECURITY_AUDIT, accountLabel: 'sandbox-dev', roleLabel: `Imported ${suffix}`, maxDurationSeconds: 900, stsRegion: 'us-east-1', allowedRegions: ['us-east-1'] });
  await signIn(page, 'adam');
  await page.goto('/admin/mappings/import');
  try {
    await page.getByLabel('Mappings file (JSON)').fill(JSON.stringify({ version: 1, mappings: groups.map(row) }, null, 2));
    await page.getByRole('button', { name: 'Preview import' }).click();
    await expect(page.getByTestId('import-error')).toContainText('Nothing was imported: 2 rows have a lookalike group');
    await expect(page.getByTestId('import-error')).toContainText(`Row 2 (${groups[1]} → ${SECURITY_AUDIT}): idpGroup: The IdP group "${groups[1]}" mixes Latin and Cyrillic letters`);
    await page.getByRole('checkbox', { name: /import the lookalike groups anyway/ }).check();
    await page.getByRole('button', { name: 'Preview import' }).click();
    await expect(page.getByTestId('import-lookalikes')).toContainText(`Row 2 (${groups[1]} → ${SECURITY_AUDIT}), confirmed: Lookalike group: mixes Latin and Cyrillic; looks like "${groups[0]}"`);
    await page.getByRole('button', { name: 'Apply 2 changes' }).click();
    await expect(page.getByTestId('import-summary')).toContainText('Imported: 2 changes applied');
    const audit = await query<{ n: number }>(`SELECT jsonb_array_length(details->'confirmedLookalikeGroups') AS n FROM audit_events WHERE type = 'MAPPINGS_IMPORTED' AND details::text LIKE $1`, [`%${suffix}%`]);
    expect(audit).toEqual([{ n: 2 }]);
  } finally {
    for (const { id } of await query<{ id: string }>('SELECT id FROM role_mappings WHERE idp_group = ANY($1)', [groups])) await deleteMappingAsAdmin(page, id);
  }
});

test('who gets what: the roles of a set of groups', async ({ page }) => {
  await signIn(page, 'adam');
  await page.goto('/admin/mappings/preview');
  await page.getByLabel('Groups (one per line)').fill('eng-oncall');
  await page.getByRole('button', { name: 'Show roles' }).click();
  await expect(page.getByTestId('preview-roles')).toContainText('arn:aws:iam::444455556666:role/ProdReadOnly');
  await expect(page.getByTestId('preview-roles')).not.toContainText('DevReadOnly');
});
