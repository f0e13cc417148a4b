// The console's budgets (issue 12), measured, not asserted:
//  1. initial JavaScript: the entry script and every module index.html preloads, gzipped (level 9),
//     read from web/dist as built;
//  2. first contentful paint of the dashboard on a local runtime, signed in, in Debian's Chromium:
//     RUNS fresh browser contexts (no cache), each loading `/` with the session in sessionStorage;
//     the median of the paint entries Chromium reports, and of the moment the dashboard's heading
//     (the organization's name) is on screen.
// Run by local/bench/console, which starts the runtime and sets BENCH_BASE_URL, BENCH_EMAIL,
// BENCH_PASSWORD and BENCH_ROOT_NAME. Without BENCH_BASE_URL only the bundle is measured.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 5);

function initialScripts() {
  const html = readFileSync(`${dist}index.html`, 'utf8');
  const entry = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  return [...new Set([...entry, ...preloads])];
}

function bundle() {
  let raw = 0;
  let gzipped = 0;
  const files = initialScripts().map((src) => {
    const bytes = readFileSync(`${dist}${src.replace(/^\//, '')}`);
    const size = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzipped += size;
    return { src, raw: bytes.length, gzipped: size };
  });
  for (const file of files) {
    console.log(`  ${file.src.padEnd(44)} ${(file.raw / 1024).toFixed(1).padStart(8)} KB  gzip ${(file.gzipped / 1024).toFixed(1).padStart(7)} KB`);
  }
  console.log(`initial JavaScript: ${files.length} files, ${(raw / 1024).toFixed(1)} KB, gzipped ${(gzipped / 1024).toFixed(1)} KB (budget 250 KB)`);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function firstPaint() {
  const base = process.env.BENCH_BASE_URL;
  const rootName = process.env.BENCH_ROOT_NAME;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const browser = await chromium.launch({
    executablePath: process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium',
    args: root ? ['--no-sandbox'] : [],
  });
  try {
    // one sign-in through the console; its session is what every measured run starts with
    const signIn = await browser.newContext({ baseURL: base });
    const page = await signIn.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(process.env.BENCH_EMAIL);
    await page.getByLabel('Password').fill(process.env.BENCH_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: rootName }).waitFor();
    const session = await page.evaluate(() => sessionStorage.getItem('console.session'));
    await signIn.close();

    const paints = [];
    const ready = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
      await context.addInitScript((saved) => {
        if (saved && !sessionStorage.getItem('console.session')) sessionStorage.setItem('console.session', saved);
      }, session);
      const tab = await context.newPage();
      await tab.goto('/', { waitUntil: 'commit' });
      await tab.getByRole('heading', { level: 1, name: rootName }).waitFor();
      const timing = await tab.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        now: performance.now(),
      }));
      paints.push(timing.fcp);
      ready.push(timing.now);
      console.log(`  run ${run + 1}: first contentful paint ${timing.fcp.toFixed(0)} ms, dashboard heading by ${timing.now.toFixed(0)} ms`);
      await context.close();
    }
    console.log(`dashboard first contentful paint: median of ${RUNS} ${median(paints).toFixed(0)} ms (budget 1500 ms); heading shown: median ${median(ready).toFixed(0)} ms`);
  } finally {
    await browser.close();
  }
}

bundle();
if (process.env.BENCH_BASE_URL) await firstPaint();
