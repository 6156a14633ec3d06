import { describe, expect, it } from 'vitest';
import { activationMail, durationWords } from '../../server/mail/templates.ts';

describe('the e-mail states the link lifetime exactly (issue 10, finding 9)', () => {
  it.each([
    [180, '3 minutos', '3 minutes'],
    [60, '1 minuto', '1 minute'],
    [89, '1 minuto y 29 segundos', '1 minute and 29 seconds'],
    [90, '1 minuto y 30 segundos', '1 minute and 30 seconds'],
    [25, '25 segundos', '25 seconds'],
    [1, '1 segundo', '1 second'],
    [3600, '60 minutos', '60 minutes'],
  ])('%i s reads "%s" / "%s"', (seconds, es, en) => {
    expect(durationWords(seconds)).toBe(es);
    expect(durationWords(seconds, 'en')).toBe(en);
  });

  it('the activation mail uses those words in its text and HTML', () => {
    const short = activationMail('https://example.gob.ec/#token=x', 25);
    expect(short.text).toContain('en los próximos 25 segundos (CLIC PARA CONTINUAR)');
    expect(short.html).toContain('en los próximos <strong>25 segundos</strong>');
    expect(short.text).not.toMatch(/\b1 minutos?\b/);
    const minute = activationMail('https://example.gob.ec/#token=x', 75);
    expect(minute.text).toContain('1 minuto y 15 segundos');
    expect(minute.html).not.toContain('1 minutos');
    expect(activationMail('https://example.gob.ec/#token=x', 180).text).toContain('en los próximos 3 minutos (CLIC');
  });
});
