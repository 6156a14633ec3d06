import { html, type PropertyDeclarations } from 'lit';
import { renderContact } from './contact.ts';
import '../i18n/es-later.ts';
import { IessStep } from './step-base.ts';

/**
 * State: locked after too many failed verifications. Says until when (in the person's local
 * time), what to do next and the contact channels. No way forward until then: it fires no intent.
 *
 * @csspart heading - the step's heading
 * @csspart contact - the contact channels
 */
export class IessEstadoBloqueo extends IessStep {
  static readonly tagName = 'iess-estado-bloqueo';
  static override properties: PropertyDeclarations = {
    lockedUntil: { attribute: 'locked-until' },
    dateLocale: { attribute: 'date-locale' },
    timeZone: { attribute: 'time-zone' },
  };

  /** The server's `lockedUntil` (ISO 8601). */
  declare lockedUntil: string;
  /** BCP 47 locale for the date; es-EC by default. */
  declare dateLocale: string;
  /** IANA time zone for the date; the browser's own when empty (tests pin it). */
  declare timeZone: string;

  constructor() {
    super();
    this.lockedUntil = '';
    this.dateLocale = 'es-EC';
    this.timeZone = '';
  }

  private formattedUntil(): string {
    const when = Date.parse(this.lockedUntil);
    if (!this.lockedUntil || !Number.isFinite(when)) return '';
    return new Intl.DateTimeFormat(this.dateLocale, {
      dateStyle: 'long',
      timeStyle: 'short',
      ...(this.timeZone ? { timeZone: this.timeZone } : {}),
    }).format(when);
  }

  override render() {
    const t = this.t.bind(this);
    const until = this.formattedUntil();
    return html`
      <h2 tabindex="-1" part="heading">${t('lock.title')}</h2>
      <p>${t('lock.what')}</p>
      <p class="notice"><strong>${until ? t('lock.until', until) : t('lock.unknownUntil')}</strong></p>
      <p>${t('lock.next')}</p>
      ${renderContact(this.localizer)}
    `;
  }
}
