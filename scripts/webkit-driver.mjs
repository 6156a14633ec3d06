// Starts WebKitGTK's W3C WebDriver server on its own virtual display, for the WebKit tests
// (element tests through web-test-runner, end to end through webdriverio). Each call gets its own
// Xvfb (-displayfd picks a free display, so parallel runs never share one), its own port and its
// own settings and data folders; stop() ends exactly the processes it started.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWebKit, HOW_TO_GET } from './find-browsers.mjs';

// MiniBrowser's toolbar keeps its window at least 447 px wide; shrinking the toolbar (browser
// chrome only: web content takes its fonts and form controls from WebKit, not from GTK) lets a
// test set a 320 px viewport, as on a small phone.
const GTK_CSS =
  'toolbar, toolbar *, entry, button { font-size: 1px; min-width: 0; min-height: 0; padding: 0; margin: 0; -gtk-icon-transform: scale(0.1); }\n';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

const killGroup = (child) => {
  if (child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
};

/**
 * `compositing`: accelerated compositing on, as Safari has it. Off unless asked (tests, see below);
 * WebDriver's screenshots need it: without it, Take Screenshot never answers (WebKitGTK 2.50,
 * scripts/screenshots.mjs, 2026-12-04).
 * @param {{ compositing?: boolean }} [options]
 * @returns {Promise<{ hostname: string, port: number, capabilities: Record<string, unknown>, stop(): Promise<void> }>}
 */
export async function startWebKitDriver({ compositing = false } = {}) {
  const webkit = findWebKit();
  if (!webkit) throw new Error(HOW_TO_GET.webkit);
  const home = mkdtempSync(join(tmpdir(), 'iess-webkit-'));
  mkdirSync(join(home, 'config', 'gtk-3.0'), { recursive: true });
  writeFileSync(join(home, 'config', 'gtk-3.0', 'gtk.css'), GTK_CSS);

  const xvfb = spawn(webkit.xvfb, ['-displayfd', '3', '-screen', '0', '1600x1200x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let xvfbLog = '';
  xvfb.stderr.on('data', (d) => (xvfbLog += d));
  const display = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb gave no display in 30 s:\n${xvfbLog}`)), 30_000);
    xvfb.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    xvfb.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}:\n${xvfbLog}`));
    });
  });

  const port = await freePort();
  const env = {
    ...process.env,
    DISPLAY: display,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    // No accessibility bus or D-Bus session on a CI machine: keep GTK from looking for them.
    NO_AT_BRIDGE: '1',
    // No accelerated compositing for tests: on a machine without a GPU it is OpenGL emulated on
    // the CPU (Mesa's llvmpipe under Xvfb), and it doubled WebKit's CPU time (lock.test.ts: 19.5 s
    // of WebKit processes with it, 10.8 s without, 2026-12-04). Pages still paint, lay out and take
    // input in WebKit's own code; only how layers reach the screen differs.
    ...(compositing ? {} : { WEBKIT_DISABLE_COMPOSITING_MODE: '1' }),
    // One GStreamer plugin registry for every MiniBrowser of this machine, instead of a scan of
    // the plugins (gst-plugin-scan) in each fresh XDG_CACHE_HOME.
    GST_REGISTRY: join(tmpdir(), 'iess-webkit-gstreamer-registry.bin'),
  };
  delete env.WAYLAND_DISPLAY;
  const driver = spawn(webkit.driver, [`--port=${port}`], { env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let driverLog = '';
  driver.stderr.on('data', (d) => (driverLog += d));

  const stop = async () => {
    process.off('exit', stopNow);
    stopNow();
    await Promise.all(
      [driver, xvfb].map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)),
    );
    rmSync(home, { recursive: true, force: true });
  };
  const stopNow = () => {
    killGroup(driver);
    killGroup(xvfb);
  };
  process.on('exit', stopNow);

  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok && (await res.json()).value?.ready) break;
    } catch {
      /* not listening yet */
    }
    if (driver.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`WebKitWebDriver did not answer on port ${port}:\n${driverLog}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    hostname: '127.0.0.1',
    port,
    capabilities: {
      browserName: 'MiniBrowser',
      // WebKitWebDriver speaks classic WebDriver only (no BiDi in WebKitGTK 2.50).
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary: webkit.browser, args: ['--automation'] },
    },
    stop,
  };
}
