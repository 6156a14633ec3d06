#!/usr/bin/env node
// How long "No soy un robot" takes: the widget's ALTCHA solver (widget/captcha/altcha.ts, bundled
// here with esbuild) solving SHA-256 challenges in headless Chromium, at 1× and 4× CPU throttling,
// with its default fast hasher and with Web Crypto alone (`hasher: 'webcrypto'`),
// for a few secret numbers (the server picks one uniformly in [0, maxnumber], so the expected
// work is maxnumber / 2). Figures help choose maxnumber; printed, never asserted.
//
//   node bench/captcha.mjs [--numbers 10000,25000,50000] [--runs 3]
import { createServer } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium, HOW_TO_GET_CHROMIUM } from '../scripts/find-chromium.mjs';

const args = { numbers: [10_000, 25_000, 50_000], runs: 3 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--numbers') args.numbers = argv[++i].split(',').map(Number);
  else if (argv[i] === '--runs') args.runs = Number(argv[++i]);
}

const executablePath = findChromium();
if (!executablePath) {
  console.error(HOW_TO_GET_CHROMIUM);
  process.exit(1);
}

const bundle = await build({
  entryPoints: [fileURLToPath(new URL('../widget/captcha/altcha.ts', import.meta.url))],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  write: false,
});
const solverJs = bundle.outputFiles[0].text;
const page = '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>pow</title><p>pow</p>';

const server = createServer((req, res) => {
  if (req.url === '/altcha.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    return res.end(solverJs);
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--no-first-run',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
try {
  console.log(`ALTCHA SHA-256 solver in headless Chromium, median of ${args.runs} runs`);
  for (const hasher of ['js', 'webcrypto'])
    for (const rate of [1, 4]) {
      for (const number of args.numbers) {
        const times = [];
        for (let run = 0; run < args.runs; run++) {
          const context = await browser.newContext();
          const tab = await context.newPage();
          const cdp = await context.newCDPSession(tab);
          await cdp.send('Emulation.setCPUThrottlingRate', { rate });
          await tab.goto(`${origin}/`);
          const salt = randomBytes(12).toString('hex');
          const challenge = {
            algorithm: 'SHA-256',
            challenge: createHash('sha256')
              .update(salt + number)
              .digest('hex'),
            salt,
            signature: 'bench',
            maxnumber: number,
          };
          const result = await tab.evaluate(
            async ([c, h]) => {
              const { solveAltcha } = await import('/altcha.js');
              const t0 = performance.now();
              const s = await solveAltcha(c, { hasher: h });
              return { number: s.number, ms: performance.now() - t0 };
            },
            [challenge, hasher],
          );
          if (result.number !== number) throw new Error(`solver returned ${result.number}, expected ${number}`);
          times.push(result.ms);
          await context.close();
        }
        const ms = median(times);
        console.log(
          `  ${hasher.padEnd(9)} ${rate}× CPU  n = ${String(number).padStart(7)}: ${Math.round(ms)} ms  (${Math.round((number + 1) / (ms / 1000)).toLocaleString('en')} hashes/s)`,
        );
      }
    }
} finally {
  await browser.close();
  server.close();
}
