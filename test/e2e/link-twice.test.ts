/**
 * The e-mailed link opened twice, end to end: opening does not use it up (mail scanners, a reload,
 * a second tab: SS-14), the waiting tab moves on by itself when one tab completes, and the other
 * tab's completion is refused with a clear message (exactly one completion: SS-20).
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  activate,
  activationLink,
  chooseEmail,
  demoPerson,
  newContext,
  search,
  signIn,
  verify,
  withServerAndBrowser,
  type RunningServer,
} from './harness.ts';

let server: RunningServer;
let browser: Browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

describe('the link opened twice, end to end', () => {
  it('SS-14 SS-20: two tabs on one link — the waiting tab moves on, the second completion is refused clearly', async () => {
    const jean = demoPerson('E0012345'); // recuperar with a foreigner's identification code
    const firstPassword = 'Le train de Lyon llega a Riobamba';
    const secondPassword = 'Otra frase distinta para la segunda pestaña';
    const context = await newContext(browser, 1280);
    const waiting = await context.newPage();
    await waiting.goto(server.url + '/');
    await search(waiting, jean);
    await verify(waiting, jean);
    await chooseEmail(waiting);
    const link = await activationLink(server, jean.email!);

    // A mail scanner fetches the page first: only the page, nothing used up.
    const scanned = await fetch(link);
    expect(scanned.status).toBe(200);

    // The person opens the link twice (two tabs); both show the declaration.
    const tabA = await context.newPage();
    await tabA.goto(link);
    await tabA.getByRole('heading', { name: 'Nueva clave' }).waitFor();
    const tabB = await context.newPage();
    await tabB.goto(link);
    await tabB.getByRole('heading', { name: 'Nueva clave' }).waitFor();
    expect(tabA.url()).not.toContain('token='); // CS-08
    expect(tabB.url()).not.toContain('token=');

    await activate(tabA, firstPassword);
    await tabA.getByRole('heading', { name: 'Su clave está lista' }).waitFor();
    // The waiting tab moves on by itself.
    await waiting.getByRole('heading', { name: 'Su clave está lista' }).waitFor({ timeout: 15_000 });
    expect(await waiting.getByText('Recuperó su clave de afiliado correctamente.').count()).toBe(1);

    // The second tab completes too late: refused clearly, and its password is not set.
    await activate(tabB, secondPassword);
    await tabB.getByRole('heading', { name: 'Este enlace ya se usó' }).waitFor();
    expect(await tabB.getByRole('heading', { name: 'Su clave está lista' }).count()).toBe(0);
    expect(await tabB.getByText('Su clave ya fue creada con este enlace.', { exact: false }).count()).toBe(1);

    expect(await signIn(server, jean, firstPassword)).toBe(201);
    expect(await signIn(server, jean, secondPassword)).toBe(401);

    // Opened once more after completion (a reload, the e-mail again): refused at once.
    const later = await context.newPage();
    await later.goto(link);
    await later.getByRole('heading', { name: 'Este enlace ya se usó' }).waitFor();
    expect(await later.getByLabel('Declaro que toda la información registrada es fidedigna').count()).toBe(0);
    await context.close();
  });
});
