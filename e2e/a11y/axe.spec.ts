// axe (WCAG 2.2 A/AA) on every page of e2e/fixtures/pages.ts, as each role sees it, on a desktop
// and a phone-sized window, in light and dark: no serious or critical violation.
import { test } from '@playwright/test';
import { axeFindings, expectResults, visitPages, type Variant } from '../fixtures/page-checks';
import { PAGES, peopleOf, VIEWPORTS } from '../fixtures/pages';

const VARIANTS: Variant[] = [
  { name: 'desktop 1280×800 light', viewport: VIEWPORTS.desktop, colorScheme: 'light' },
  { name: 'desktop 1280×800 dark', viewport: VIEWPORTS.desktop, colorScheme: 'dark' },
  { name: 'mobile 390×844 light', viewport: VIEWPORTS.mobile, colorScheme: 'light' },
  { name: 'mobile 390×844 dark', viewport: VIEWPORTS.mobile, colorScheme: 'dark' },
];

for (const who of peopleOf(PAGES)) {
  test(`axe: the pages ${who ?? 'a signed-out person'} sees, at 1280×800 and 390×844, light and dark`, async ({ browser }) => {
    test.setTimeout(240_000);
    const results = await visitPages({ browser, who, entries: PAGES.filter((p) => p.as === who), variants: VARIANTS, find: axeFindings });
    expectResults('axe', results);
  });
}
