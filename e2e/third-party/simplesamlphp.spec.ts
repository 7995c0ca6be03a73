// Keyport with SimpleSAMLphp 1.19 (Debian's package) as its SAML IdP: sign-in through
// SimpleSAMLphp's own login page with the groups of its assertion, and SAML passthrough issuance
// through SimpleSAMLphp's AWS application (`urn:amazon:webservices`, registered in the sandbox AWS
// as the SAML provider SimpleSAMLphp). SimpleSAMLphp sets the Recipient to the ACS it posts to
// (Keyport's), which AWS refuses ("The Recipient attribute must include a value that matches the
// AWS sign-in endpoint URL", id_roles_providers_create_saml_assertions): Keyport says so before
// asking AWS, and the very assertion sent to the sandbox AWS is refused as AWS refuses it.
import { AssumeRoleWithSAMLCommand, STSClient } from '@aws-sdk/client-sts';
import { expect, test } from '@playwright/test';
import { DOMParser } from '@xmldom/xmldom';
import { E2E, awsCalls } from '../fixtures/stack';
import { SAML_PROVIDER_ARN, SIMPLESAML_ROLE_ARN, TESS, signInWithSimpleSamlPhp } from '../fixtures/third-party';

const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';

test('a SimpleSAMLphp user signs in on SimpleSAMLphp\'s page and the groups of its assertion give them their role', async ({ page }) => {
  await signInWithSimpleSamlPhp(page, TESS);
  const cards = page.getByTestId('role-card');
  await expect(cards.filter({ hasText: 'SimpleSAMLphp developer' })).toHaveCount(1);
  expect((await cards.allTextContents()).join('\n')).not.toContain('Glewlwyd developer');
});

test('passthrough issuance through SimpleSAMLphp is refused with the reason, and sandbox AWS refuses the same assertion as AWS does', async ({ page }) => {
  await signInWithSimpleSamlPhp(page, TESS);
  const posted: string[] = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && req.url() === `${E2E.thirdPartyPortalUrl}/api/saml/acs`) posted.push(new URLSearchParams(req.postData() ?? '').get('SAMLResponse') ?? '');
  });
  await page.getByRole('link', { name: 'Get credentials for SimpleSAMLphp developer' }).click();
  await page.getByRole('button', { name: '15 min' }).click();
  const before = (await awsCalls()).filter((c) => c.action === 'AssumeRoleWithSAML').length;
  await page.getByRole('button', { name: /Get credentials/ }).click();
  // Through SimpleSAMLphp (already signed in there), whose AWS application posts to Keyport's ACS.
  await expect(page).toHaveURL(/\/roles\/[0-9a-f-]+\?samlError=recipient_not_aws$/);
  const alert = page.getByTestId('issue-error');
  await expect(alert).toContainText('AWS accepts only assertions whose Recipient is its own sign-in URL');
  await expect(alert).toContainText('broker mode');
  expect((await awsCalls()).filter((c) => c.action === 'AssumeRoleWithSAML').length).toBe(before);

  // What SimpleSAMLphp sent: AWS's audience, signed, but Keyport's ACS as Recipient.
  expect(posted).toHaveLength(1);
  const samlResponse = posted[0] ?? '';
  const doc = new DOMParser().parseFromString(Buffer.from(samlResponse, 'base64').toString('utf8'), 'text/xml');
  const texts = (name: string) => Array.from(doc.getElementsByTagNameNS(SAML_NS, name)).map((e) => e.textContent?.trim() ?? '');
  expect(texts('Audience')).toEqual(['urn:amazon:webservices']);
  expect(Array.from(doc.getElementsByTagNameNS(SAML_NS, 'SubjectConfirmationData')).map((e) => e.getAttribute('Recipient'))).toEqual([`${E2E.thirdPartyPortalUrl}/api/saml/acs`]);
  expect(texts('AttributeValue')).toContain(`${SIMPLESAML_ROLE_ARN},${SAML_PROVIDER_ARN}`);
  expect(doc.getElementsByTagNameNS(SAML_NS, 'Assertion')[0]?.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature').length).toBe(1);

  // The same assertion, straight to the sandbox AWS: past the signature (SimpleSAMLphp's key, from
  // the provider's metadata) and the audience, refused for its Recipient, nothing issued.
  // AssumeRoleWithSAML is an unsigned call: the assertion is the proof.
  const sts = new STSClient({ region: 'us-east-1', endpoint: E2E.awsUrl, maxAttempts: 1 });
  const refusal = await sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: SIMPLESAML_ROLE_ARN, PrincipalArn: SAML_PROVIDER_ARN, SAMLAssertion: samlResponse, DurationSeconds: 900 })).then(
    () => null,
    (e: unknown) => e as { name?: string; message?: string },
  );
  expect(refusal?.name).toBe('InvalidIdentityTokenException');
  expect(refusal?.message).toBe('Recipient of the assertion is not AWS');
});
