// No page scrolls sideways on a 390 px wide phone (iPhone 12–15 width).
import { test } from '@playwright/test';
import { expectResults, overflowFindings, visitPages } from '../fixtures/page-checks';
import { PAGES, peopleOf, VIEWPORTS } from '../fixtures/pages';

for (const who of peopleOf(PAGES)) {
  test(`no horizontal overflow at 390 px: the pages ${who ?? 'a signed-out person'} sees`, async ({ browser }) => {
    test.setTimeout(120_000);
    const results = await visitPages({ browser, who, entries: PAGES.filter((p) => p.as === who), variants: [{ name: 'mobile', viewport: VIEWPORTS.mobile, colorScheme: 'light' }], find: overflowFindings });
    expectResults('overflow', results);
  });
}
