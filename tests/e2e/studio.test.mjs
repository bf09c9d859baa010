// Walks through the studio as a pre-sales architect would: build a small
// connect-to design from a blank canvas with mouse and keyboard, undo and
// redo it, save it and find it restored after a reload, and open a bad
// file without losing the design.

import { readFile } from 'node:fs/promises';
import { assert, assertEqual, drag, openStudio, screenshot } from './harness.mjs';

const id = (testId) => `[data-testid="${testId}"]`;

async function center(page, selector) {
  const box = await page.locator(selector).boundingBox();
  assert(box, `${selector} is on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function nodeCount(page) {
  return page.locator('[data-node-id]').count();
}

// Builds a customer datacenter with a router, a circuit whose primary
// connection ends on the router, and a VNet with a GatewaySubnet and an
// ExpressRoute gateway linked to the circuit.
async function buildConnectTo(page, server) {
  await openStudio(page, server.url);
  await page.click(id('blank-connect-to'));
  await page.waitForSelector(id('welcome'), { state: 'detached' });

  await page.click(id('palette-customer-dc'));
  await page.waitForSelector(id('node-dc-1'));
  // A router dragged from the palette onto the site lands inside it.
  await page.dragAndDrop(id('palette-router'), id('node-dc-1'));
  await page.waitForSelector(id('node-router-1'));
  await page.click(id('palette-circuit'));
  await page.waitForSelector(id('node-circuit-1'));
  await page.click(id('palette-vnet'));
  await page.waitForSelector(id('node-vnet-1'));
  await page.click(id('palette-gateway-subnet'));
  await page.click(id('palette-er-gateway'));
  await page.waitForSelector(id('node-gateway-1'));

  // Connect by dragging from a handle to another element.
  await page.click(id('node-circuit-1'));
  await drag(page, await center(page, id('handle-circuit-1')), await center(page, id('node-router-1')));
  await page.waitForSelector('[data-testid^="edge-"]');
  await page.click(id('node-gateway-1'));
  await drag(page, await center(page, id('handle-gateway-1')), await center(page, id('node-circuit-1')));

  // A meaningless connection is refused with the core's reason.
  await page.click(id('node-vnet-1'), { position: { x: 12, y: 12 } });
  await drag(page, await center(page, id('handle-vnet-1')), await center(page, id('node-router-1')));
  const refusal = await page.textContent(id('notice'));
  assert(refusal.includes('cannot be connected'), `the refusal says why: ${refusal}`);

  // Keyboard: select the circuit, nudge it, rename it in the inspector.
  await page.click(id('node-circuit-1'));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.fill(id('field-name'), 'er-contoso');
  await page.keyboard.press('Enter');
  await page.locator(id('field-name')).blur();
  await page.waitForFunction(() => document.querySelector('[data-testid="inspector-title"]')?.textContent === 'er-contoso');
  assert((await page.locator('[data-testid^="edge-"]').count()) >= 2, 'the circuit and gateway connections are drawn');
}

export const tests = [
  {
    name: 'a connect-to design is built from a blank canvas with mouse and keyboard',
    async run({ page, server }) {
      await buildConnectTo(page, server);
      await page.click(id('fit'));
      await screenshot(page, 'studio-built-1280x800');
      // The shortcuts sheet opens on ? and closes on Escape.
      await page.click(id('canvas'), { position: { x: 5, y: 5 } });
      await page.keyboard.press('Shift+?');
      await page.waitForSelector(id('shortcuts-sheet'));
      await screenshot(page, 'studio-shortcuts');
      await page.keyboard.press('Escape');
      await page.waitForSelector(id('shortcuts-sheet'), { state: 'detached' });
    },
  },
  {
    name: 'every step undoes and redoes, a drag being one step',
    async run({ page, server }) {
      await buildConnectTo(page, server);
      const built = await nodeCount(page);
      const node = id('node-vnet-1');
      const before = await page.locator(node).boundingBox();
      await drag(page, { x: before.x + 30, y: before.y + 10 }, { x: before.x + 130, y: before.y + 70 });
      const moved = await page.locator(node).boundingBox();
      assert(Math.abs(moved.x - before.x) > 50, 'the VNet moved');
      const title = await page.getAttribute(id('undo'), 'title');
      assert(title.startsWith('Undo: Move'), `the undo label names the move: ${title}`);
      await page.keyboard.press('Control+z');
      const back = await page.locator(node).boundingBox();
      assert(Math.abs(back.x - before.x) < 2, 'one undo takes the whole drag back');
      await page.keyboard.press('Control+Shift+z');
      await page.click(id('canvas'), { position: { x: 5, y: 5 } });
      for (let i = 0; i < 30 && !(await page.locator(id('undo')).isDisabled()); i += 1) {
        await page.click(id('undo'));
      }
      assertEqual(await nodeCount(page), 0, 'undoing everything leaves a blank canvas');
      await screenshot(page, 'studio-undone');
      for (let i = 0; i < 30 && !(await page.locator(id('redo')).isDisabled()); i += 1) {
        await page.click(id('redo'));
      }
      assertEqual(await nodeCount(page), built, 'redoing everything brings the design back');
    },
  },
  {
    name: 'a saved design comes back after a reload, where the user was',
    options: { width: 1920, height: 1080, colorScheme: 'dark' },
    async run({ page, server }) {
      await buildConnectTo(page, server);
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
      const text = await readFile(await download.path(), 'utf8');
      assert(text.includes('"routecraft-design"') && text.includes('er-contoso'), 'the file holds the design');
      assert(download.suggestedFilename().endsWith('.routecraft.json'), download.suggestedFilename());
      const count = await nodeCount(page);
      await page.reload();
      await page.waitForSelector(id('node-circuit-1'));
      assertEqual(await nodeCount(page), count, 'every element is back');
      assertEqual(await page.textContent(id('inspector-title')), 'er-contoso', 'the selection is back');
      await screenshot(page, 'studio-restored-1920x1080-dark');
    },
  },
  {
    name: 'a bad file is refused with the path of the problem and the design kept',
    async run({ page, server }) {
      await buildConnectTo(page, server);
      const count = await nodeCount(page);
      const bad = '{"format": "routecraft-design", "version": 2, "design": {"name": "x", "circuits": [{"id": 7}]}}';
      await page.setInputFiles(id('open-input'), { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
      const message = await page.textContent(id('dialog-message'));
      assert(message.includes('broken.json') && message.includes('design.'), `the loader names the path: ${message}`);
      await screenshot(page, 'studio-bad-file');
      await page.click(id('dialog-cancel'));
      assertEqual(await nodeCount(page), count, 'the design is untouched');

      // A good file over unsaved changes asks first; cancelling keeps the design.
      const good = await page.evaluate(() => localStorage.getItem('routecraft.autosave.current'));
      const file = JSON.parse(good).design;
      await page.setInputFiles(id('open-input'), { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(file) });
      await page.waitForSelector(id('dialog-confirm'));
      await page.click(id('dialog-cancel'));
      assertEqual(await nodeCount(page), count, 'cancelling keeps the open design');
    },
  },
];
