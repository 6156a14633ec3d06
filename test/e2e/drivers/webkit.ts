/**
 * WebKit (WebKitGTK's MiniBrowser, the engine of Safari and of every iOS browser) through
 * webdriverio against WebKitWebDriver on a virtual display (scripts/webkit-driver.mjs).
 * WebKitWebDriver serves one session, a session is one MiniBrowser, and WebDriver has one current
 * window per session: so a context is a WebKitWebDriver of its own (a fresh MiniBrowser, nothing
 * shared with other contexts), every page is a window of its own that its commands switch to
 * first, and commands go one at a time. Clicks are WebDriver element clicks and keys are element send-keys: real events in the
 * web process.
 */
import { remote } from 'webdriverio';
import { findWebKit, HOW_TO_GET } from '../../../scripts/find-browsers.mjs';
import { startWebKitDriver } from '../../../scripts/webkit-driver.mjs';
import type { ContextOptions, E2EBrowser, E2EContext } from './driver.ts';
import { finderScript, type FinderRequest, type Step } from './finder.ts';
import { InjectedPage, type PageDriver } from './injected-locator.ts';

type Session = Awaited<ReturnType<typeof remote>>;
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/**
 * `compositing`: as Safari has it, which screenshots need (scripts/webkit-driver.mjs); off for
 * tests, which take none: without a GPU it doubles WebKit's CPU time.
 */
export async function launchWebKit({ compositing = false }: { compositing?: boolean } = {}): Promise<E2EBrowser> {
  if (!findWebKit()) throw new Error(HOW_TO_GET.webkit);
  const open = new Set<E2EContext>();
  return {
    engine: 'webkit',
    async newContext(options: ContextOptions = {}): Promise<E2EContext> {
      const webkit = await startWebKitDriver({ compositing });
      const browserOptions = webkit.capabilities['webkitgtk:browserOptions'] as { binary: string; args: string[] };
      let session: Session;
      try {
        session = await remote({
          hostname: webkit.hostname,
          port: webkit.port,
          logLevel: 'error',
          connectionRetryTimeout: 120_000,
          capabilities: {
            ...webkit.capabilities,
            'webkitgtk:browserOptions': {
              ...browserOptions,
              args: [...browserOptions.args, ...(options.timezoneId ? [`--time-zone=${options.timezoneId}`] : [])],
            },
          } as WebdriverIO.Capabilities,
        });
      } catch (error) {
        await webkit.stop();
        throw error;
      }
      let queue: Promise<unknown> = Promise.resolve();
      /** WebDriver commands of this session one at a time (the current window is shared state). */
      const serial = <T>(work: () => Promise<T>): Promise<T> => {
        const next = queue.then(work, work);
        queue = next.catch(() => undefined);
        return next;
      };
      const firstWindow = await session.getWindowHandle();
      let firstUsed = false;
      const context: E2EContext = {
        async newPage() {
          return serial(async () => {
            let handle = firstWindow;
            // A window, not a tab: MiniBrowser keeps its first tab in front whatever WebDriver switches
            // to, so a page opened in a tab stayed hidden (no frames painted, clicks into a background
            // page) and once lost a click in CI. Each window is shown, as the link's page is for a person.
            if (firstUsed) handle = (await session.createWindow('window')).handle;
            firstUsed = true;
            await session.switchToWindow(handle);
            await setViewport(session, options.width ?? 1280, options.height ?? 900);
            await underThePointer(session);
            return webkitPage(session, handle, serial, compositing);
          });
        },
        async close() {
          open.delete(context);
          await session.deleteSession().catch(() => undefined);
          await webkit.stop();
        },
      };
      open.add(context);
      return context;
    },
    async close() {
      // Contexts a failed test left open.
      await Promise.all([...open].map((c) => c.close()));
    },
  };
}

/** A window size that gives exactly this viewport (the window minus the browser's own toolbar). */
async function setViewport(session: Session, width: number, height: number): Promise<void> {
  const measure = () => session.executeScript('return [innerWidth, innerHeight, outerWidth, outerHeight]', []) as Promise<number[]>;
  const [iw, ih, ow, oh] = await measure();
  await session.setWindowRect(null, null, width + (ow! - iw!), height + (oh! - ih!));
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [w, h] = await measure();
    if (w === width && h === height) return;
    if (Date.now() > deadline) throw new Error(`the WebKit window gave a ${w} × ${h} viewport, not ${width} × ${height}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Moves the window over the centre of the screen. Xvfb has no window manager, so X gives the
 * keyboard focus to the window under the pointer, and the pointer stays at the screen's centre
 * (WebDriver clicks do not move it): a narrow window at 0,0 never had the focus, so
 * document.hasFocus() was false and :focus and :focus-visible never matched in it.
 */
async function underThePointer(session: Session): Promise<void> {
  const [sw, sh, ow, oh] = (await session.executeScript('return [screen.width, screen.height, outerWidth, outerHeight]', [])) as number[];
  await session.setWindowRect(Math.max(0, Math.round((sw! - ow!) / 2)), Math.max(0, Math.round((sh! - oh!) / 2)), null, null);
}

function webkitPage(
  session: Session,
  handle: string,
  serial: <T>(work: () => Promise<T>) => Promise<T>,
  compositing: boolean,
): InjectedPage {
  const inWindow = <T>(work: () => Promise<T>) =>
    serial(async () => {
      await session.switchToWindow(handle);
      return work();
    });
  const run = (expression: string) => session.executeScript(`return ${expression}`, []);
  const elementId = async (chain: Step[]): Promise<string> => {
    const ref = (await run(finderScript({ op: 'element', chain }))) as Record<string, string> | null;
    const id = ref?.[ELEMENT_KEY];
    if (!id) throw new Error('the element is gone');
    return id;
  };
  const driver: PageDriver = {
    run: (expression) => inWindow(() => run(expression)),
    query: <T>(request: FinderRequest) => inWindow(() => run(finderScript(request)) as Promise<T>),
    click: (chain) => inWindow(async () => session.elementClick(await elementId(chain))),
    type: (chain, text) => inWindow(async () => session.elementSendKeys(await elementId(chain), text)),
    goto: (url) => inWindow(async () => void (await session.navigateTo(url))),
    url: () => inWindow(() => session.getUrl()),
    // WebDriver classic shoots the viewport only: for the whole page the window grows to the
    // document's height for the shot (as Playwright's fullPage does in Chromium), then shrinks back.
    screenshot: (fullPage) =>
      inWindow(async () => {
        // Without compositing WebKitWebDriver never answers Take Screenshot: say so instead of hanging.
        if (!compositing) throw new Error("WebKit screenshots need compositing: launchEngine('webkit', { webkitCompositing: true })");
        const [width, height, full] = (await run('[innerWidth, innerHeight, document.documentElement.scrollHeight]')) as number[];
        const grow = fullPage && full! > height!;
        if (grow) await setViewport(session, width!, full!);
        try {
          return Buffer.from(await session.takeScreenshot(), 'base64');
        } finally {
          if (grow) await setViewport(session, width!, height!);
        }
      }),
    close: () =>
      serial(async () => {
        await session.switchToWindow(handle);
        await session.closeWindow();
        const [other] = await session.getWindowHandles();
        if (other) await session.switchToWindow(other);
      }),
  };
  return new InjectedPage(driver);
}
