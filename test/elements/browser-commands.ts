/**
 * Viewport, keys and media emulation for element tests in every engine (scripts/wtr-engines.mjs
 * runs them): web-test-runner's own commands have no WebDriver version for the first, pass key
 * names puppeteer's BiDi keyboard does not know, and only Chromium's driver can emulate media.
 */
import { executeServerCommand } from '@web/test-runner-commands';

export async function setViewport(viewport: { width: number; height: number }): Promise<void> {
  await executeServerCommand('iess-set-viewport', viewport);
}

/** A key or chord by its Playwright name ("Tab", "Shift+Tab", "Space", "Enter"), or text to type. */
export async function sendKeys(keys: { press: string } | { type: string }): Promise<void> {
  await executeServerCommand('iess-send-keys', keys);
}

export interface MediaFeatures {
  forcedColors?: 'active' | 'none';
  reducedMotion?: 'reduce' | 'no-preference';
}

/** Emulates the media features; false (nothing emulated) where the engine's driver cannot. */
export async function emulateMedia(media: MediaFeatures): Promise<boolean> {
  return (await executeServerCommand<boolean, MediaFeatures>('iess-emulate-media', media)) === true;
}
