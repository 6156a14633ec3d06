/**
 * Design tokens: every themable value is a `--iess-*` custom property with a fallback, so a host
 * page themes the widget without reaching into it (custom properties cross the shadow boundary).
 * The defaults keep WCAG 2.2 AA contrast on white (IESS blue #0b4f8a on #fff is 8.3:1).
 */
import { css } from 'lit';

export const tokens = css`
  :host {
    --_primary: var(--iess-color-primary, #0b4f8a);
    --_primary-hover: var(--iess-color-primary-hover, #083b68);
    --_on-primary: var(--iess-color-on-primary, #ffffff);
    --_text: var(--iess-color-text, #1a1a1a);
    --_muted: var(--iess-color-text-muted, #4a4a4a);
    --_surface: var(--iess-color-surface, #ffffff);
    --_surface-alt: var(--iess-color-surface-alt, #f2f5f8);
    --_border: var(--iess-color-border, #6b7280);
    --_error: var(--iess-color-error, #b00020);
    --_error-bg: var(--iess-color-error-bg, #fdecee);
    --_success: var(--iess-color-success, #1b6e2d);
    --_warning-bg: var(--iess-color-warning-bg, #fff4d6);
    --_warning-border: var(--iess-color-warning-border, #8a5a00);
    --_focus: var(--iess-color-focus, #c25e00);
    --_radius: var(--iess-radius, 6px);
    --_font: var(--iess-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
    --_font-size: var(--iess-font-size, 1rem);
    --_space: var(--iess-space, 1rem);
    --_max-width: var(--iess-max-width, 40rem);
  }
`;
