// The mapping editor says plainly, beside a SAML mapping's trust policy, what SAML passthrough
// asks of the IdP (a Recipient that is AWS's sign-in URL of the role's partition) and which IdPs
// cannot give it (docs/idp-setup.md); an OIDC mapping shows no such note.
import { expect, test } from '@playwright/test';
import { signIn } from '../fixtures/sign-in';

test('a SAML mapping\'s trust policy comes with the passthrough limits, per partition; an OIDC one without', async ({ page }) => {
  await signIn(page, 'adam');
  await page.getByRole('link', { name: 'Mappings' }).click();
  await page.getByRole('link', { name: 'New mapping' }).click();
  // The sandbox's deployment mode is broker; the limits are those of passthrough.
  await page.getByLabel('Federation mode').selectOption('passthrough');
  await page.getByLabel('Role ARN').fill('arn:aws:iam::111122223333:role/SamlDeveloper');
  await expect(page.getByTestId('trust-policy')).toContainText('sts:AssumeRoleWithWebIdentity');
  await expect(page.getByTestId('saml-passthrough-limits')).toHaveCount(0);

  await page.getByLabel('IdP kind').selectOption('saml');
  await page.getByLabel('SAML provider ARN').fill('arn:aws:iam::111122223333:saml-provider/KeyportSandboxSaml');
  await expect(page.getByTestId('trust-policy')).toContainText('"SAML:aud": "https://signin.aws.amazon.com/saml"');
  const note = page.getByTestId('saml-passthrough-limits');
  await expect(note).toContainText('https://signin.aws.amazon.com/saml');
  await expect(note).toContainText('cannot be used for SAML passthrough issuance');
  await expect(note).toContainText('broker mode');

  await page.getByLabel('Role ARN').fill('arn:aws-us-gov:iam::111122223333:role/SamlDeveloper');
  await page.getByLabel('SAML provider ARN').fill('arn:aws-us-gov:iam::111122223333:saml-provider/Gov');
  await expect(page.getByTestId('trust-policy')).toContainText('"SAML:aud": "https://signin.amazonaws-us-gov.com/saml"');
  await expect(note).toContainText('https://signin.amazonaws-us-gov.com/saml');

  // In SAML broker mode Keyport signs the assertion itself: no IdP limits apply.
  await page.getByLabel('Federation mode').selectOption('broker-saml');
  await expect(page.getByTestId('saml-passthrough-limits')).toHaveCount(0);
});
