/**
 * The demo page (`serve --demo`) is a portal-like page with the widget and, beside it, what to type
 * for each demo identity (docs/operations.md); without --demo no identities are listed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDENTITIES } from '../../server/demo/identities.ts';
import { startTestServer, type TestServer } from './helpers/harness.ts';

let demo: TestServer;
let plain: TestServer;
beforeAll(async () => {
  [demo, plain] = await Promise.all([startTestServer({ config: { demo: true } }), startTestServer({ config: { demo: false } })]);
});
afterAll(async () => {
  await Promise.all([demo?.close(), plain?.close()]);
});

describe('demo page', () => {
  it('lists every demo identity with its birth date and what to answer', async () => {
    const html = String((await demo.call('GET', '/')).body);
    expect(html).toContain('Identidades de demostración');
    for (const p of DEMO_IDENTITIES) {
      expect(html).toContain(`<code>${p.id}</code>`);
      if (p.email) expect(html).toContain(p.email);
    }
    expect(html).toContain('Rosita');
    expect(html).toContain('ASTILLEROS DEL GUAYAS S.A.');
    expect(html).toContain('href="/dev/inbox"');
  });

  it('shows no identities when the server does not run with --demo', async () => {
    const html = String((await plain.call('GET', '/')).body);
    expect(html).not.toContain('Identidades de demostración');
    expect(html).not.toContain('1712345675');
  });

  it('a malformed escape in a widget path is a 404 problem, not a server error', async () => {
    const r = await demo.call('GET', '/widget/%E0%A4%A');
    expect(r.status).toBe(404);
  });

  it('answers the browser favicon request without a 404', async () => {
    expect((await demo.call('GET', '/favicon.ico')).status).toBe(204);
  });
});
