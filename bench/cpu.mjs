#!/usr/bin/env node
/**
 * Where a command's CPU goes: `node bench/cpu.mjs -- npm test -- elements chromium` runs the command
 * and, once a second, reads every process's own user+system time from /proc (not its children's,
 * which would count them twice), then prints the CPU by kind of process (browser processes,
 * vitest workers, test servers, …), the command's wall time and the machine's busy share over it.
 * Linux only. A process that lives less than a second between two reads is missed; the figures
 * are a floor, good for comparing two runs of the same command on the same machine.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const at = process.argv.indexOf('--');
if (at < 0 || at === process.argv.length - 1) {
  console.error('usage: node bench/cpu.mjs -- <command> [args…]');
  process.exit(2);
}
const [cmd, ...args] = process.argv.slice(at + 1);
const TICK = 100; // USER_HZ on Linux

/** Kind of a process, from its command line: what the figures are grouped by. */
function kind(cmdline, comm) {
  const c = cmdline;
  if (/chrom(e|ium)/.test(c)) {
    const type = /--type=([a-z-]+)/.exec(c)?.[1];
    return `chromium ${type ?? 'browser'}`;
  }
  if (/firefox/.test(c))
    return /-contentproc/.test(c) ? `firefox ${/ (tab|gpu|rdd|socket|utility|forkserver)\b/.exec(c)?.[1] ?? 'child'}` : 'firefox parent';
  if (/WebKit(WebProcess|NetworkProcess|GPUProcess)/.test(c)) return `webkit ${/WebKit(\w+Process)/.exec(c)[1]}`;
  if (/MiniBrowser|WebKitWebDriver/.test(c)) return `webkit ${/MiniBrowser/.test(c) ? 'MiniBrowser' : 'WebKitWebDriver'}`;
  if (/Xvfb/.test(c)) return 'Xvfb';
  if (/gst-plugin-scan/.test(c)) return 'gst-plugin-scan';
  if (/esbuild/.test(c)) return 'esbuild';
  if (/postgres/.test(comm) || /^postgres/.test(c)) return 'postgres';
  if (/redis/.test(comm)) return 'redis';
  if (/tsc|typescript/.test(c)) return 'tsc';
  if (/eslint/.test(c)) return 'eslint';
  if (/prettier/.test(c)) return 'prettier';
  if (/vite(\.js|\s+build)|rollup/.test(c)) return 'vite build';
  if (/\bwtr\b|web-test-runner/.test(c)) return 'web-test-runner';
  if (/vitest/.test(c)) return /forks|worker|threads/.test(c) ? 'vitest worker' : 'vitest';
  if (/iess-clave|server\/|dist\/server/.test(c)) return 'test server / CLI';
  if (/node/.test(comm)) return `node (${c.split(' ').slice(1, 3).join(' ').slice(0, 60)})`;
  return comm;
}

/** pid → { kind, first, last } CPU ticks (own, not children's). */
const seen = new Map();
const mine = new Set(); // pids that were not there when the command started
const before = new Set();
let busy0;

function cpuLine() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return { idle, total };
}

function sample(first = false) {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    if (first) {
      before.add(pid);
      continue;
    }
    const entry = seen.get(pid);
    if (entry) {
      entry.last = ticks;
      continue;
    }
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    } catch {
      /* gone */
    }
    // A process born during the run counts from zero; one that was there counts from now.
    const born = !before.has(pid);
    if (born) mine.add(pid);
    seen.set(pid, { kind: kind(cmdline, comm), first: born ? 0 : ticks, last: ticks });
  }
}

sample(true);
busy0 = cpuLine();
const started = Date.now();
const timer = setInterval(() => sample(), 1000);
const child = spawn(cmd, args, { stdio: 'inherit' });
child.on('close', (code) => {
  clearInterval(timer);
  sample();
  const busy1 = cpuLine();
  const wall = (Date.now() - started) / 1000;
  const byKind = new Map();
  for (const { kind: k, first, last } of seen.values()) byKind.set(k, (byKind.get(k) ?? 0) + (last - first) / TICK);
  const rows = [...byKind].filter(([, s]) => s >= 0.5).sort((a, b) => b[1] - a[1]);
  const sum = rows.reduce((n, [, s]) => n + s, 0);
  const dTotal = busy1.total - busy0.total;
  const busyShare = dTotal ? 1 - (busy1.idle - busy0.idle) / dTotal : 0;
  console.log(`\nCPU by kind of process (s, own time, ≥ 0.5 s), over ${wall.toFixed(1)} s of wall time:`);
  for (const [k, s] of rows) console.log(`  ${s.toFixed(1).padStart(7)}  ${k}`);
  console.log(`  ${sum.toFixed(1).padStart(7)}  total sampled; the machine was ${(busyShare * 100).toFixed(0)} % busy (all processes)`);
  process.exit(code ?? 1);
});
