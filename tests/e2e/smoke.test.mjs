// The smallest proof that the built site works: it loads, names itself,
// logs no error, fetches nothing from elsewhere, and keeps working offline.

import { assert, assertEqual, openStudio, screenshot, serve } from './harness.mjs';

export const tests = [
  {
    name: 'the studio loads with its title and no console error',
    async run({ page, server, seen }) {
      await openStudio(page, server.url);
      assertEqual(await page.title(), 'Routecraft', 'page title');
      const header = await page.textContent('header');
      assert(header?.includes('Routecraft'), `header names the product: ${header}`);
      await screenshot(page, 'smoke-1280x800');
      assert(seen.requests.length > 0, 'the page made requests to its own origin');
    },
  },
  {
    name: 'the studio is readable at 1920x1080 in dark mode',
    options: { width: 1920, height: 1080, colorScheme: 'dark' },
    async run({ page, server }) {
      await openStudio(page, server.url);
      await screenshot(page, 'smoke-1920x1080-dark');
    },
  },
  {
    name: 'the studio reloads and works with the server gone',
    async run({ page, context }) {
      // Its own server, since this test stops it.
      const server = await serve();
      await openStudio(page, server.url);
      // Let the service worker take control, then reload once online so the
      // hashed script and wasm pass through it before the server stops.
      await page.evaluate(async () => {
        if (!('serviceWorker' in navigator)) throw new Error('no service worker support');
        await navigator.serviceWorker.ready;
      });
      await page.reload();
      await page.waitForSelector('[data-testid="studio"]');
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await server.close();
      await context.setOffline(true);
      await page.reload();
      await page.waitForSelector('[data-testid="studio"]', { timeout: 30_000 });
      await screenshot(page, 'smoke-offline');
    },
    // With the server gone the browser logs the failed network-first fetch
    // before the worker answers from its cache; that is the point of the test.
    allowProblems: (p) => p.includes('net::ERR_INTERNET_DISCONNECTED') || p.includes('Failed to load resource'),
  },
  {
    name: 'the problems panel lists the whole rule catalogue',
    async run({ page, server }) {
      await openStudio(page, server.url);
      await page.getByText('Connect-through', { exact: true }).first().click();
      await page.getByRole('tab', { name: /Problems/ }).click();
      const summary = page.locator('[data-testid="rule-catalogue"] summary');
      await summary.click();
      const count = await page.locator('.rc-rules__rule').count();
      const said = Number((await summary.textContent()).match(/All (\d+) rules/)?.[1]);
      assert(count > 50, `the catalogue lists the rules (${count})`);
      assertEqual(said, count, 'the summary counts the rules listed');
      const first = await page.locator('.rc-rules__rule').first().textContent();
      assert(/ER-[A-Z-]+/.test(first) && /§\d/.test(first), `a rule shows its id and facts: ${first}`);
      await screenshot(page, 'smoke-rule-catalogue');
    },
  },
];
