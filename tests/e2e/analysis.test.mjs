// The analysis side as an architect uses it in a workshop: trace a packet
// from a Contoso spoke to Contoso's head office on the connect-through
// template, fail the circuit's primary and watch the trace move to the
// secondary, fail the whole circuit and watch it break, then leave with the
// deployment bundle. Also times the studio's load and an edit's update of
// findings and routes, on the template and on a large generated design.

import { readFile } from 'node:fs/promises';
import { assert, assertEqual, openStudio, screenshot } from './harness.mjs';

const id = (testId) => `[data-testid="${testId}"]`;
const CIRCUIT = 'er-contoso-ams';

async function openTemplate(page, server, template = 'connect-through') {
  await openStudio(page, server.url);
  await page.click(id(`template-${template}`));
  await page.waitForSelector(id('welcome'), { state: 'detached' });
}

async function traceSpokeToHq(page) {
  await page.click(id('tab-trace'));
  await page.selectOption(id('trace-from-pick'), 'contoso-spoke-app-workload');
  await page.selectOption(id('trace-to-pick'), 'contoso-hq');
  assertEqual(await page.inputValue(id('trace-from')), '10.100.4.4', 'the source is the subnet\'s first host');
  assertEqual(await page.inputValue(id('trace-to')), '10.10.0.1', 'the destination is the site\'s first host');
  await page.click(id('trace-run'));
  await page.waitForSelector(id('trace-result'));
}

async function edgeClass(page, key) {
  return page.getAttribute(`[data-testid="edge-${key}"]`, 'class');
}

// The classic central directory walk: every file header names one entry.
function zipEntries(bytes) {
  const names = [];
  for (let i = 0; i + 46 < bytes.length; i += 1) {
    if (bytes.readUInt32LE(i) === 0x02014b50) {
      const length = bytes.readUInt16LE(i + 28);
      names.push(bytes.subarray(i + 46, i + 46 + length).toString('utf8'));
    }
  }
  return names;
}

// Times `count` edits, each a nudge of the selection, from the key press
// until the routes panel shows the new revision and the next frame is drawn.
async function timeEdits(page, count = 5) {
  return page.evaluate(async (count) => {
    const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
    const panel = document.querySelector('[data-testid="routes"]');
    const runs = [];
    for (let i = 0; i < count; i += 1) {
      const before = panel.dataset.revision;
      const started = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: i % 2 ? 'ArrowLeft' : 'ArrowRight', bubbles: true }));
      while (panel.dataset.revision === before) await frame();
      await frame();
      runs.push(performance.now() - started);
    }
    runs.sort((a, b) => a - b);
    return runs[Math.floor(runs.length / 2)];
  }, count);
}

// A connect-through design grown to 30 spoke VNets of 10 subnets each and
// 2,000 on-premises prefixes at Contoso's head office.
function largeDesign(fileText) {
  const file = JSON.parse(fileText);
  const d = file.design;
  const spoke = d.vnets.find((v) => v.id === 'contoso-spoke-app');
  const peering = d.vnet_peerings.find((p) => p.id === 'contoso-spoke-app-to-hub');
  for (let i = 0; i < 30; i += 1) {
    const vnet = structuredClone(spoke);
    vnet.id = `contoso-gen-${i}`;
    vnet.name = `contoso-gen-${i}`;
    vnet.address_space = [`10.${110 + i}.0.0/16`];
    vnet.subnets = Array.from({ length: 10 }, (_, j) => ({
      ...structuredClone(spoke.subnets[0]),
      id: `contoso-gen-${i}-s${j}`,
      name: `workload-${j}`,
      prefix: `10.${110 + i}.${j}.0/24`,
    }));
    d.vnets.push(vnet);
    d.vnet_peerings.push({ ...structuredClone(peering), id: `contoso-gen-${i}-to-hub`, local: vnet.id });
  }
  const hq = d.sites.find((s) => s.id === 'contoso-hq');
  const prefixes = Array.from({ length: 2000 }, (_, i) => `10.${200 + Math.floor(i / 256)}.${i % 256}.0/24`);
  hq.address_space = [...hq.address_space, ...prefixes];
  hq.advertised = [...(hq.advertised ?? []), ...prefixes];
  d.name = 'Generated: 30 VNets, 300 subnets, 2,000 prefixes';
  return JSON.stringify(file);
}

export const tests = [
  {
    name: 'a trace moves to the secondary when the primary fails and breaks with the circuit',
    async run({ page, server, timings }) {
      const started = performance.now();
      await openStudio(page, server.url);
      timings.push({ name: 'load the studio', ms: performance.now() - started });
      await page.click(id('template-connect-through'));
      await page.waitForSelector(id('welcome'), { state: 'detached' });

      await traceSpokeToHq(page);
      assertEqual(await page.getAttribute(id('trace-result'), 'data-delivered'), 'true', 'the trace is delivered');
      assertEqual(await page.locator('[data-testid^="trace-path-"]').count(), 2, 'both equal-cost paths are shown');
      const text = await page.textContent(id('trace-result'));
      assert(text.includes('primary connection') && text.includes('secondary connection'), 'one path per connection');
      assert(text.includes('Site Contoso head office'), `the paths end at Contoso HQ: ${text}`);
      assert((await edgeClass(page, `${CIRCUIT}/primary`)).includes('on-path'), 'the primary is drawn on the path');
      assert((await page.getAttribute(id('node-contoso-hq'), 'class')).includes('on-path'), 'HQ is on the path');
      await screenshot(page, 'analysis-trace-1280x800');

      // Fail the primary from the canvas: the trace takes the secondary alone.
      await page.click(id(`node-${CIRCUIT}`));
      await page.click(id(`failbar-${CIRCUIT}-primary`));
      await page.waitForFunction(() => document.querySelectorAll('[data-testid^="trace-path-"]').length === 1);
      const moved = await page.textContent(id('trace-result'));
      assert(moved.includes('secondary connection') && !moved.includes('primary connection'), `moved: ${moved}`);
      assertEqual(await page.getAttribute(id('trace-result'), 'data-delivered'), 'true', 'still delivered');
      assert((await edgeClass(page, `${CIRCUIT}/primary`)).includes('down'), 'the primary is drawn down');
      assert((await edgeClass(page, `${CIRCUIT}/secondary`)).includes('on-path'), 'the secondary carries the path');
      await screenshot(page, 'analysis-primary-down');

      // Fail the whole circuit: the trace breaks.
      await page.click(id(`failbar-${CIRCUIT}-circuit`));
      await page.waitForSelector(`${id('trace-result')}[data-delivered="false"]`);
      assert((await page.getAttribute(id(`node-${CIRCUIT}`), 'class')).includes('down'), 'the circuit is drawn down');
      await screenshot(page, 'analysis-circuit-down');

      // The failures panel says what changed, and the sweep runs.
      await page.keyboard.press('w');
      await page.waitForSelector(id('whatif-summary'));
      const summary = await page.textContent(id('whatif-summary'));
      assert(/[1-9]\d* check\(s\) break/.test(summary), `checks break: ${summary}`);
      await page.click(id('fail-none'));
      await page.click(id('sweep-run'));
      await page.waitForSelector(id('sweep-summary'));
      const verdict = await page.textContent(id(`sweep-${CIRCUIT}-primary`));
      assert(verdict.includes('survives'), `one connection may fail: ${verdict}`);
      assert((await page.textContent(id(`sweep-${CIRCUIT}-circuit`))).includes('breaks'), 'the circuit may not');
      await screenshot(page, 'analysis-sweep');
    },
  },
  {
    name: 'the failure set is kept across a reload, outside the undo history',
    async run({ page, server }) {
      await openTemplate(page, server);
      await page.click(id('tab-failures'));
      await page.check(id(`fail-${CIRCUIT}-secondary`));
      assert(await page.locator(id('undo')).isDisabled(), 'failing is not an edit');
      await page.reload();
      await page.waitForSelector(id('studio'));
      assert((await edgeClass(page, `${CIRCUIT}/secondary`)).includes('down'), 'still down after the reload');
    },
  },
  {
    name: 'routes and charts show the template at 1920x1080 in dark mode',
    options: { width: 1920, height: 1080, colorScheme: 'dark' },
    async run({ page, server }) {
      await openTemplate(page, server);
      await page.click(id('node-contoso-spoke-app-workload'));
      await page.keyboard.press('r');
      await page.waitForSelector(id('routes-table'));
      const table = await page.textContent(id('routes-table'));
      assert(table.includes('10.10.0.0/16') && table.includes('VirtualNetworkGateway'), `routes: ${table}`);
      await screenshot(page, 'analysis-routes-1920x1080-dark');
      await page.click(id('node-nw-ams1-edge'));
      await page.waitForSelector(id('routes-domain'));
      assertEqual(await page.locator(id('routes-domain')).count(), 2, 'one table per VRF');
      await page.keyboard.press('c');
      await page.waitForSelector(`${id('charts-svg')} svg`);
      await screenshot(page, 'analysis-charts-1920x1080-dark');
      await page.keyboard.press('t');
      await page.click(id('trace-run'));
      await page.waitForSelector(id('trace-from-error'));
      await screenshot(page, 'analysis-trace-errors-dark');
    },
  },
  {
    name: 'the deployment bundle downloads as a zip with every export',
    async run({ page, server }) {
      await openTemplate(page, server);
      await page.keyboard.press('e');
      await page.waitForSelector(id('export-files'));
      await screenshot(page, 'analysis-export');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(id('export-bundle'))]);
      const bytes = await readFile(await download.path());
      assertEqual(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip');
      const names = zipEntries(bytes);
      for (const name of ['design.routecraft.json', 'manifest.txt', 'terraform/main.tf', 'runbook.md', 'report.md', 'diagram.svg']) {
        assert(names.includes(name), `${name} in ${names.join(', ')}`);
      }
      assert(names.some((n) => n.startsWith('bicep/')) && names.some((n) => n.startsWith('arm/')), 'Bicep and ARM');
      assert(download.suggestedFilename().endsWith('-bundle.zip'), download.suggestedFilename());
      await page.waitForSelector(id('export-status') + ' .rc-export__done');

      const [tf] = await Promise.all([page.waitForEvent('download'), page.click(id('export-terraform'))]);
      assert((await readFile(await tf.path(), 'utf8')).includes('azurerm'), 'the Terraform file');
      await page.click(id('baseline-keep'));
      await page.waitForSelector(id('baseline-drop'));
      await page.keyboard.press('Escape');
      await page.waitForSelector(id('export-dialog'), { state: 'detached' });
    },
  },
  {
    name: 'an edit updates findings and routes quickly, on the template and a large design',
    async run({ page, server, timings }) {
      await openTemplate(page, server);
      await page.click(id('node-contoso-spoke-app-workload'));
      await page.keyboard.press('r');
      await page.waitForSelector(id('routes-table'));
      timings.push({ name: 'edit to findings+routes, connect-through', ms: await timeEdits(page) });

      const saved = await page.evaluate(() => localStorage.getItem('routecraft.autosave.current'));
      const big = largeDesign(JSON.parse(saved).design);
      await page.setInputFiles(id('open-input'), { name: 'large.json', mimeType: 'application/json', buffer: Buffer.from(big) });
      // The timed edits left unsaved changes, so opening asks first; the
      // question may take a moment to appear, so wait for it rather than
      // peeking once.
      await page.locator(id('dialog-confirm')).click({ timeout: 15_000 }).catch(() => {});
      // The canvas draws only what is in view, and a design this large opens
      // on its top-left corner: wait for the name, then for the first subnet.
      await page.waitForFunction(() => document.querySelector('header')?.textContent.includes('Generated: 30 VNets'), null, { timeout: 60_000 });
      await page.waitForSelector(id('node-contoso-gen-0-s0'), { timeout: 60_000 });
      await page.focus(id('node-contoso-gen-0-s0'));
      await page.waitForFunction(() => document.querySelector('[data-testid="routes-target"]')?.value === 'contoso-gen-0-s0');
      const count = await page.textContent(id('routes-count'));
      assert(/of (\d{4,})/.test(count), `2,000 on-premises routes: ${count}`);
      timings.push({ name: 'edit to findings+routes, 300 subnets 2k prefixes', ms: await timeEdits(page, 3) });
      await screenshot(page, 'analysis-large-design');

      // The single-failure sweep, with its progress, on the same design.
      await page.keyboard.press('w');
      await page.waitForSelector(id('sweep-run'));
      const started = performance.now();
      await page.click(id('sweep-run'));
      await page.waitForSelector(id('sweep-summary'), { timeout: 120_000 });
      timings.push({ name: 'single-failure sweep, 300 subnets 2k prefixes', ms: performance.now() - started });
      const summary = await page.textContent(id('sweep-summary'));
      assert(/\d+ of \d+ units can fail alone/.test(summary), `the sweep ends with a summary: ${summary}`);

      // One link down: thousands of routes move, and the panel lists the
      // first of each group and counts the rest.
      const failed = performance.now();
      await page.check(id(`fail-${CIRCUIT}-primary`));
      await page.waitForSelector(id('whatif-summary'), { timeout: 120_000 });
      timings.push({ name: 'what-if of one link down, 300 subnets 2k prefixes', ms: performance.now() - failed });
      const more = await page.textContent(id('whatif-more'));
      assert(/\d+ more route\(s\) change/.test(more), `the rest is counted: ${more}`);
      const listed = await page.locator('.rc-change__path').count();
      assert(listed < 2000, `the panel stays short: ${listed} lines`);
      await screenshot(page, 'analysis-large-whatif');
    },
  },
];
