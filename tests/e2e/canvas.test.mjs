// The canvas gestures and keys that the studio walk does not use: pan by
// dragging the background, zoom with the wheel about the pointer, Shift+drag
// to select by band, Tab between elements, Ctrl+D to duplicate, and the
// banner that says autosave was refused, without losing the last good copy.

import { assert, assertEqual, drag, openStudio, screenshot } from './harness.mjs';

const id = (testId) => `[data-testid="${testId}"]`;

async function openTemplate(page, server) {
  await openStudio(page, server.url);
  await page.click(id('template-connect-to'));
  await page.waitForSelector(id('welcome'), { state: 'detached' });
}

async function box(page, testId) {
  const b = await page.locator(id(testId)).boundingBox();
  assert(b, `${testId} is on screen`);
  return b;
}

// A point of the canvas, searched outward from `near`, where a press lands
// on the background rather than on a node or an edge.
async function emptyPoint(page, near) {
  const found = await page.evaluate(({ x, y }) => {
    const svg = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
    for (let r = 0; r < 400; r += 8) {
      for (const [dx, dy] of [[-r, -r], [r, -r], [-r, r], [r, r], [0, -r], [-r, 0]]) {
        const px = x + dx;
        const py = y + dy;
        if (px < svg.left + 4 || py < svg.top + 4 || px > svg.right - 4 || py > svg.bottom - 4) continue;
        const hit = document.elementFromPoint(px, py);
        const inCanvas = hit && hit.closest('[data-testid="canvas"]');
        const onSomething = hit && hit.closest('[data-node-id], [data-testid^="edge-"], .rc-canvas__zoom');
        if (inCanvas && !onSomething) return { x: px, y: py };
      }
    }
    return null;
  }, near);
  assert(found, `an empty point of the canvas near ${JSON.stringify(near)}`);
  return found;
}

const zoomLevel = (page) => page.textContent('.rc-canvas__zoom-level');
const nodeCount = (page) => page.locator('[data-node-id]').count();
const isSelected = async (page, node) =>
  (await page.getAttribute(id(`node-${node}`), 'class')).includes('rc-canvas__node--selected');

export const tests = [
  {
    name: 'dragging the background pans, and the wheel zooms about the pointer',
    async run({ page, server }) {
      await openTemplate(page, server);
      const hub = await box(page, 'node-contoso-hub');
      const start = await emptyPoint(page, { x: hub.x + hub.width / 2, y: hub.y + hub.height + 20 });
      await drag(page, start, { x: start.x + 60, y: start.y + 40 });
      const panned = await box(page, 'node-contoso-hub');
      assert(Math.abs(panned.x - hub.x - 60) < 2 && Math.abs(panned.y - hub.y - 40) < 2,
        `the view moved with the pointer: ${JSON.stringify({ hub, panned })}`);
      assert(await page.locator(id('undo')).isDisabled(), 'panning leaves no undo step');

      const before = await zoomLevel(page);
      const at = { x: panned.x + panned.width / 2, y: panned.y + panned.height / 2 };
      await page.mouse.move(at.x, at.y);
      await page.mouse.wheel(0, -400);
      await page.waitForFunction((b) => document.querySelector('.rc-canvas__zoom-level').textContent !== b, before);
      const zoomed = await box(page, 'node-contoso-hub');
      assert(parseInt(await zoomLevel(page), 10) > parseInt(before, 10), `zoomed in: ${before} to ${await zoomLevel(page)}`);
      assert(zoomed.width > panned.width * 1.2, 'the hub is drawn larger');
      // The point under the pointer stays where it was.
      const fx = (at.x - panned.x) / panned.width;
      const gx = (at.x - zoomed.x) / zoomed.width;
      assert(Math.abs(fx - gx) < 0.02, `zoom keeps the pointer's point: ${fx} vs ${gx}`);
      await screenshot(page, 'canvas-zoomed');

      await page.mouse.wheel(0, 400);
      await page.waitForFunction((b) => document.querySelector('.rc-canvas__zoom-level').textContent === b, before);
    },
  },
  {
    name: 'Shift+drag on the background selects what the band holds, and Tab moves on',
    async run({ page, server }) {
      await openTemplate(page, server);
      const circuit = await box(page, 'node-er-contoso-ams');
      const start = await emptyPoint(page, { x: circuit.x - 10, y: circuit.y - 10 });
      assert(start.x < circuit.x && start.y < circuit.y, `the band starts above and left of the circuit: ${JSON.stringify(start)}`);
      const end = { x: circuit.x + circuit.width + 6, y: circuit.y + circuit.height + 6 };
      await page.keyboard.down('Shift');
      await drag(page, start, end);
      await page.keyboard.up('Shift');
      assert(await isSelected(page, 'er-contoso-ams'), 'the circuit in the band is selected');
      await page.waitForFunction(() => document.querySelector('[data-testid="inspector-title"]')?.textContent === 'er-contoso-ams');
      await screenshot(page, 'canvas-band-selected');

      // Tab goes to the next element and selects it.
      await page.focus(id('node-er-contoso-ams'));
      await page.keyboard.press('Tab');
      const next = await page.evaluate(() => document.activeElement?.getAttribute('data-node-id'));
      assert(next && next !== 'er-contoso-ams', `focus moved to another element: ${next}`);
      assert(await isSelected(page, next), `${next} is selected when focused`);
      await page.keyboard.press('Shift+Tab');
      const back = await page.evaluate(() => document.activeElement?.getAttribute('data-node-id'));
      assertEqual(back, 'er-contoso-ams', 'Shift+Tab goes back');
    },
  },
  {
    name: 'Ctrl+D duplicates the selection beside it as one undo step',
    async run({ page, server }) {
      await openTemplate(page, server);
      const count = await nodeCount(page);
      await page.click(id('node-contoso-spoke'), { position: { x: 12, y: 12 } });
      await page.keyboard.press('Control+d');
      await page.waitForFunction((n) => document.querySelectorAll('[data-node-id]').length > n, count);
      const copies = (await nodeCount(page)) - count;
      assert(copies >= 2, `the VNet and its subnet are copied: ${copies} new nodes`);
      const title = await page.getAttribute(id('undo'), 'title');
      assert(title.startsWith('Undo: Duplicate'), `one step named for it: ${title}`);
      const selected = await page.evaluate(() => [...document.querySelectorAll('.rc-canvas__node--selected')].map((n) => n.dataset.nodeId));
      assert(selected.length === 1 && selected[0] !== 'contoso-spoke', `the copy is selected: ${selected}`);
      await screenshot(page, 'canvas-duplicated');
      await page.keyboard.press('Control+z');
      await page.waitForFunction((n) => document.querySelectorAll('[data-node-id]').length === n, count);
    },
  },
  {
    name: 'Delete asks before taking dependents along, and one undo brings all back',
    async run({ page, server }) {
      await openTemplate(page, server);
      const count = await nodeCount(page);
      await page.click(id('node-contoso-hub'), { position: { x: 12, y: 12 } });
      await page.keyboard.press('Delete');
      await page.waitForSelector(id('dialog'));
      const question = await page.textContent(id('dialog'));
      assert(question.includes('also deletes') && question.includes('contoso-hub-ergw'),
        `the dialog names the gateway that goes with the hub: ${question}`);
      await screenshot(page, 'canvas-delete-dialog');
      // Cancelling keeps everything.
      await page.click(id('dialog-cancel'));
      assertEqual(await nodeCount(page), count, 'cancelled: nothing goes');

      await page.keyboard.press('Delete');
      await page.click(id('dialog-confirm'));
      await page.waitForSelector(id('node-contoso-hub'), { state: 'detached' });
      for (const gone of ['contoso-hub-ergw', 'contoso-hub-shared']) {
        assertEqual(await page.locator(id(`node-${gone}`)).count(), 0, `${gone} went with its VNet`);
      }
      assert(await page.locator(id('node-contoso-spoke')).count() === 1, 'the spoke stays');
      await page.keyboard.press('Control+z');
      await page.waitForFunction((n) => document.querySelectorAll('[data-node-id]').length === n, count);
      assert(await page.locator(id('node-contoso-hub-ergw')).count() === 1, 'the gateway is back too');

      // Ctrl+A selects every element.
      await page.click(id('canvas'), { position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+a');
      const selected = await page.locator('.rc-canvas__node--selected').count();
      assertEqual(selected, count, 'every node is selected');
    },
  },
  {
    name: 'a refused autosave shows a banner and keeps the last good copy',
    async run({ page, server }) {
      await openTemplate(page, server);
      await page.click(id('node-er-contoso-ams'));
      const good = await page.evaluate(() => localStorage.getItem('routecraft.autosave.current'));
      assert(good && good.includes('er-contoso-ams'), 'the template is autosaved');
      await page.evaluate(() => {
        window.__setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function refuse() {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      });
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector(id('storage-banner'));
      await screenshot(page, 'canvas-storage-banner');
      const kept = await page.evaluate(() => localStorage.getItem('routecraft.autosave.current'));
      assertEqual(kept, good, 'the last good copy is untouched');
      assert(!(await page.locator(id('undo')).isDisabled()), 'the edit itself went through');

      await page.click(`${id('storage-banner')} button:has-text("Dismiss")`);
      await page.waitForSelector(id('storage-banner'), { state: 'detached' });
      await page.evaluate(() => { Storage.prototype.setItem = window.__setItem; });
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((g) => localStorage.getItem('routecraft.autosave.current') !== g, good);
      assertEqual(await page.locator(id('storage-banner')).count(), 0, 'the banner stays dismissed once storage works');
    },
  },
];
