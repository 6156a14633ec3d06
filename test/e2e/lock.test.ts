/**
 * Five wrong verifications, end to end in every engine: the widget counts down the attempts the server reports,
 * shows the lock with its end time (in the person's time zone) and the other channels, and the
 * server refuses a sixth — even with the right answers, even from a new flow (the counter is per
 * identification, across flows).
 */
import { expect, it } from 'vitest';
import { demoPerson, describeInEngines, search, startFlowByApi, verify } from './harness.ts';

/** The lock's length as the widget writes it ("2 horas", "1 hora y 30 minutos", "15 minutos"). */
function lockLength(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? (h === 1 ? '1 hora' : `${h} horas`) : '', m ? (m === 1 ? '1 minuto' : `${m} minutos`) : ''].filter(Boolean).join(' y ');
}

describeInEngines('attempts and lock, end to end', (current) => {
  it('SS-06: 5 wrong verifications lock the recovery; the lock shows its end time and the other channels; the API refuses a sixth', async () => {
    const { server, browser } = current();
    const maria = demoPerson('1712345675');
    const context = await browser.newContext({ width: 1280, timezoneId: 'America/Guayaquil' });
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await search(page, maria);
    expect(await page.getByText('Le quedan 5 intentos.').count()).toBe(1);

    for (const left of [4, 3, 2]) {
      await verify(page, maria, { wrong: true });
      await page.getByText(`Le quedan ${left} intentos.`).first().waitFor();
    }
    await verify(page, maria, { wrong: true });
    // Warned before the last one: how long the lock lasts (the server's lockMinutes) and whom to ask instead.
    await page.getByText('Le queda 1 intento: si falla, el trámite se bloqueará.').first().waitFor();
    const { limits } = (await (await fetch(`${server.url}/v1/config`)).json()) as { limits: { lockMinutes: number } };
    expect(await page.getByText(`el trámite se bloqueará durante ${lockLength(limits.lockMinutes)}.`).count()).toBe(1);
    expect(
      await page
        .getByText(/no lo intente: comuníquese con Atención al Ciudadano \(atencionalusuario@iess\.gob\.ec, \+593 2 394 5666\)/)
        .count(),
    ).toBe(1);
    await verify(page, maria, { wrong: true });

    await page.getByRole('heading', { name: 'Acceso bloqueado temporalmente' }).waitFor();
    const email = page.locator('iess-recuperar-clave').getByRole('link', { name: 'atencionalusuario@iess.gob.ec' });
    expect(await email.getAttribute('href')).toBe('mailto:atencionalusuario@iess.gob.ec');
    expect(await page.getByText('Atención al Ciudadano').count()).toBeGreaterThan(0);
    const lockText = (await page.getByText('Podrá intentarlo de nuevo desde el').first().textContent()) ?? '';

    // A sixth, by the API: a new flow (the lock is per identification), the RIGHT answers.
    const started = await startFlowByApi(server, maria);
    expect(started.status).toBe(201); // no enumeration: a locked identification still gets a flow
    const verification = started.body.verification as { questions: Array<{ id: string }> };
    const res = await fetch(`${server.url}/v1/flows/current/verification`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${String(started.body.flowToken)}` },
      body: JSON.stringify({
        birthDay: maria.birthDay,
        birthMonth: maria.birthMonth,
        answers: verification.questions.map((q) => ({ questionId: q.id, answer: maria.securityAnswers![q.id] })),
      }),
    });
    expect(res.status).toBe(423);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { type: string; lockedUntil: string; now: string };
    expect(problem.type).toBe('urn:iess-clave:problem:locked');
    expect(Date.parse(problem.lockedUntil)).toBeGreaterThan(Date.parse(problem.now));

    // The time shown is the server's lockedUntil, in the person's local time (Ecuador), as this
    // browser writes it (engines' locale data differ: "15:51" or "3:51 p. m.").
    const shown = await page.evaluate(
      (ms) => new Intl.DateTimeFormat('es-EC', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Guayaquil' }).format(ms),
      Date.parse(problem.lockedUntil),
    );
    expect(lockText).toContain(shown);

    // Later, a new BUSCAR on the locked identification: the same date and time, and the other channels (issue 10).
    const later = await context.newPage();
    await later.goto(server.url + '/');
    await search(later, maria, { next: 'Acceso bloqueado temporalmente' });
    expect((await later.getByText('Podrá intentarlo de nuevo desde el').first().textContent()) ?? '').toContain(shown);
    expect(await later.getByText('Podrá intentarlo de nuevo más tarde.').count()).toBe(0);
    expect(await later.locator('iess-recuperar-clave').getByRole('link', { name: 'atencionalusuario@iess.gob.ec' }).count()).toBe(1);

    // The portal sign-in itself is never locked.
    const signIn = await fetch(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idType: maria.idType, id: maria.id, password: 'Montaña-verde-2019' }),
    });
    expect(signIn.status).toBe(201);
    await context.close();
  });

  it('SS-04 CS-09: an identification that is not in the registry meets the same steps and the same refusal', async () => {
    const { server, browser } = current();
    const context = await browser.newContext({ width: 1280 });
    const page = await context.newPage();
    await page.goto(server.url + '/');
    // A valid cédula (module 10) that is not a demo identity: the server answers with a decoy flow.
    const stranger = { ...demoPerson('1712345675'), id: '1710034065' };
    await search(page, stranger);
    expect(await page.getByText('Le quedan 5 intentos.').count()).toBe(1);
    expect(await page.getByText('******4065').count()).toBeGreaterThan(0);
    // Questions like a real flow's (own text questions or multiple choice); answer them all.
    await page.getByLabel('Día').selectOption('14');
    await page.getByLabel('Mes').selectOption({ label: 'marzo' });
    const texts = page.getByRole('textbox');
    for (let i = 0; i < (await texts.count()); i++) await texts.nth(i).fill('Avenida Amazonas');
    let choiceGroups = 0;
    const groups = page.getByRole('group');
    for (let i = 0; i < (await groups.count()); i++) {
      const radios = groups.nth(i).getByRole('radio');
      if ((await radios.count()) === 0) continue;
      choiceGroups += 1;
      await radios.first().check();
    }
    expect((await texts.count()) + choiceGroups).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'CONTINUAR' }).click();
    await page.getByRole('button', { name: 'ACEPTAR' }).click();
    // The same words as a real person's wrong answer, nothing that says "not affiliated".
    await page.getByText('Los datos no coinciden con nuestros registros. Le quedan 4 intentos.').first().waitFor();
    expect(await page.getByText(/no (está|esta) afiliad|no existe|no registrad/i).count()).toBe(0);
    await context.close();
  });

  it('SS-04 (issue 10): a later BUSCAR on a locked identification shows the date for a decoy as for a real one', async () => {
    const { server, browser } = current();
    const stranger = { ...demoPerson('1712345675'), id: '1710034065' };
    // Five wrong answers by the API lock the decoy the way the real one was locked above.
    let lockedUntil = '';
    for (let i = 0; i < 5; i++) {
      const started = await startFlowByApi(server, stranger);
      const res = await fetch(`${server.url}/v1/flows/current/verification`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${String(started.body.flowToken)}` },
        body: JSON.stringify({ birthDay: 1, birthMonth: 1, answers: [] }),
      });
      lockedUntil = ((await res.json()) as { lockedUntil?: string }).lockedUntil ?? lockedUntil;
    }
    expect(Date.parse(lockedUntil)).toBeGreaterThan(Date.now() - 60_000);
    const context = await browser.newContext({ width: 1280, timezoneId: 'America/Guayaquil' });
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await search(page, stranger, { next: 'Acceso bloqueado temporalmente' });
    const shown = await page.evaluate(
      (ms) => new Intl.DateTimeFormat('es-EC', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Guayaquil' }).format(ms),
      Date.parse(lockedUntil),
    );
    expect((await page.getByText('Podrá intentarlo de nuevo desde el').first().textContent()) ?? '').toContain(shown);
    expect(await page.locator('iess-recuperar-clave').getByRole('link', { name: 'atencionalusuario@iess.gob.ec' }).count()).toBe(1);
    await context.close();
  });
});
