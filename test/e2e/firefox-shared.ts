/**
 * vitest globalSetup of the end-to-end runs: when Firefox is among the tested engines, one
 * firefox-esr for the whole run, which every file's scenarios connect to over WebDriver BiDi
 * (./drivers/firefox.ts), each in browser contexts of its own (own cookies and storage), instead of
 * a Firefox started per file: a start costs about 4.7 s of CPU, five files started one each
 * (2026-12-04). The extension's tests still start their own (other preferences, an add-on).
 */
import type { TestProject } from 'vitest/node';
import { testedEngines } from './drivers/driver.ts';
import { launchFirefoxProcess } from './drivers/firefox.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The WebDriver BiDi address of this run's Firefox; '' when it has none. */
    firefoxEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!testedEngines().includes('firefox')) {
    project.provide('firefoxEndpoint', '');
    return async () => {};
  }
  const firefox = await launchFirefoxProcess();
  project.provide('firefoxEndpoint', firefox.endpoint);
  return firefox.stop;
}
