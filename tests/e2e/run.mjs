// Runs every tests/e2e/*.test.mjs against the built site and ends with the
// plain summary line `N passed, M failed`. Each test gets a fresh browser
// profile and a page that fails on console errors and foreign requests.
//
// Usage: node tests/e2e/run.mjs [name-filter]

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, watch, distExists, DIST } from './harness.mjs';

const here = new URL('.', import.meta.url).pathname;
const filter = process.argv[2] ?? '';

if (!(await distExists())) {
  console.error(`no built site in ${DIST}: run \`make build\` first`);
  process.exit(2);
}

const files = (await readdir(here)).filter((f) => f.endsWith('.test.mjs')).sort();
const server = await serve();
let passed = 0;
let failed = 0;
const timings = [];

for (const file of files) {
  const module = await import(join(here, file));
  for (const test of module.tests ?? []) {
    const name = `${file.replace('.test.mjs', '')}: ${test.name}`;
    if (!name.includes(filter)) continue;
    const { context, close } = await launch(test.options ?? {});
    const page = context.pages()[0] ?? (await context.newPage());
    // Every server a test starts listens on 127.0.0.1; anything else has left
    // the machine.
    const seen = watch(page, 'http://127.0.0.1:');
    const started = performance.now();
    try {
      await test.run({ page, context, server, seen, timings });
      const expected = test.allowProblems ?? (() => false);
      const problems = seen.problems.filter((p) => !expected(p));
      if (problems.length > 0) throw new Error(problems.join('\n'));
      passed += 1;
      console.log(`ok   ${name} (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${name}\n     ${String(error?.stack ?? error).split('\n').join('\n     ')}`);
    } finally {
      await close();
    }
  }
}
await server.close();

if (timings.length > 0) {
  console.log('\nbrowser timings (median of runs; ratios against the first line):');
  const base = timings[0].ms;
  for (const t of timings) {
    const ratio = base > 0 ? (t.ms / base).toFixed(2) : 'n/a';
    console.log(`  ${t.name.padEnd(48)} ${t.ms.toFixed(1).padStart(9)} ms   x${ratio}`);
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
