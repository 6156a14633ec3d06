/** What a misconfigured widget shows: the list of what the host must correct, in words a web developer can act on. */
import { html, type TemplateResult } from 'lit';
import type { ConfigIssue } from '../config.ts';
import type { Localizer } from '../i18n/localize.ts';

export function configError(t: Localizer, issues: readonly ConfigIssue[]): TemplateResult {
  const why = { url: 'shell.config.url', lang: 'shell.config.lang', messages: 'shell.config.messages' } as const;
  return html`<div class="config-error" part="container" role="alert">
    <h2>${t.t('shell.config.title')}</h2>
    <p>${t.t('shell.config.intro')}</p>
    <ul>
      ${issues.map(
        (i) =>
          html`<li data-field=${i.field}>
            ${i.reason === 'api' ? t.t('shell.config.api') : html`${t.t('shell.config.field', i.field)} ${i.reason in why ? t.t(why[i.reason as keyof typeof why]) : ''}`}
          </li>`,
      )}
    </ul>
  </div>`;
}
