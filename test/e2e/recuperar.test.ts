/**
 * Walking skeleton, end to end, in every engine: a demo affiliate recovers the password against
 * the real server (built), with the real SMTP exchange through the server's catcher — BUSCAR,
 * verification, ACEPTAR, e-mail on record, the "ACTIVACIÓN CLAVE" e-mail, its CLIC PARA CONTINUAR
 * link, the declaration, GENERAR, FINALIZAR — then signs in with the new password.
 */
import { expect, it } from 'vitest';
import { DEMO_IDENTITIES, DEMO_PASSWORD } from '../../server/demo/identities.ts';
import { DEFAULT_QUESTION_BANK } from '../../server/domain/security-questions.ts';
import type { E2EPage } from './drivers/driver.ts';
import { describeInEngines, MONTHS, waitForMail, type RunningServer } from './harness.ts';

const maria = DEMO_IDENTITIES.find((p) => p.id === '1712345675')!;

/** Answers the person's own security questions, whichever the server asks (text inputs). */
async function answerOwnQuestions(page: E2EPage, answers: Record<string, string>) {
  for (const question of DEFAULT_QUESTION_BANK) {
    const field = page.getByLabel(question.text, { exact: true });
    if ((await field.count()) > 0) await field.fill(answers[question.id]!);
  }
}

async function signIn(server: RunningServer, id: string, password: string): Promise<number> {
  const res = await fetch(`${server.url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ idType: 'cedula', id, password }),
  });
  return res.status;
}

describeInEngines('recuperar, end to end (real server, SMTP)', (current) => {
  it('a demo affiliate goes from BUSCAR to a new password and signs in with it', async () => {
    const { server, browser } = current();
    const newPassword = 'Cóndor sobre el Cotopaxi 2026';
    expect(await signIn(server, maria.id, newPassword)).toBe(401);
    expect(await signIn(server, maria.id, DEMO_PASSWORD)).toBe(201);

    const context = await browser.newContext({ width: 360 });
    const page = await context.newPage();
    await page.goto(server.url + '/');

    // 1. Identificación
    await page.getByLabel('Número de cédula').fill('171234567-5');
    await page.getByLabel('No soy un robot').check();
    await expect.poll(() => page.getByText('Verificado').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'BUSCAR' }).click();

    // 2. Verificación (+ 3. ACEPTAR)
    await page.getByRole('heading', { name: 'Verificación de datos' }).waitFor();
    await page.getByLabel('Día').selectOption(String(maria.birthDay));
    await page.getByLabel('Mes').selectOption({ label: MONTHS[maria.birthMonth - 1]! });
    await answerOwnQuestions(page, maria.securityAnswers!);
    await page.getByRole('button', { name: 'CONTINUAR' }).click();
    await page.getByRole('button', { name: 'ACEPTAR' }).click();

    // 5. Correo: the address on record, masked
    await page.getByRole('heading', { name: 'Correo electrónico' }).waitFor();
    await expect.poll(() => page.getByText(/m\*+@/).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'CONTINUAR' }).click();
    await page.getByRole('button', { name: 'ACEPTAR' }).click();

    // 6. Correo enviado
    await page.getByRole('heading', { name: 'Revise su correo' }).waitFor();
    expect(await page.getByRole('timer').count()).toBe(1);

    const mail = await waitForMail(server, (m) => String(m.to).includes(maria.email!) && m.subject === 'ACTIVACIÓN CLAVE');
    expect(mail.html).toContain('CLIC PARA CONTINUAR');
    const link = mail.links.find((l) => l.includes('#token='));
    expect(link).toBeDefined();

    // Activación and Nueva clave, one page, in a second tab as a person would (the link opens a new tab)
    const linkPage = await context.newPage();
    await linkPage.goto(link!);
    await linkPage.getByRole('heading', { name: 'Nueva clave' }).waitFor();
    expect(await linkPage.url()).not.toContain('token='); // CS-08: removed from the address bar at once
    await linkPage.getByLabel('Declaro que toda la información registrada es fidedigna').check();

    await linkPage.getByLabel('Nueva clave', { exact: true }).fill(newPassword);
    await linkPage.getByLabel('Confirme la nueva clave').fill(newPassword);
    await linkPage.getByRole('button', { name: 'GENERAR' }).click();
    await linkPage.getByRole('heading', { name: 'Su clave está lista' }).waitFor();
    expect(await linkPage.getByText('Recuperó su clave de afiliado correctamente.').count()).toBe(1);
    expect(
      (await linkPage.getByRole('button', { name: 'FINALIZAR' }).count()) +
        (await linkPage.getByRole('link', { name: 'FINALIZAR' }).count()),
    ).toBe(1);

    // The waiting tab moves on by itself (BroadcastChannel or polling).
    await page.getByRole('heading', { name: 'Su clave está lista' }).waitFor({ timeout: 15_000 });

    // The new password works, the old one no longer does.
    expect(await signIn(server, maria.id, newPassword)).toBe(201);
    expect(await signIn(server, maria.id, DEMO_PASSWORD)).toBe(401);

    // "Clave cambiada" notice, without secrets (SS-21).
    const notice = await waitForMail(server, (m) => String(m.to).includes(maria.email!) && m.subject !== 'ACTIVACIÓN CLAVE');
    expect(notice.text).not.toContain(newPassword);
    await context.close();
  });
});
