/**
 * The error summary shown at the top of a form after a refused submit: a titled box listing every
 * problem, each a link that moves focus to its field (GOV.UK pattern, WCAG 3.3.1). It takes focus
 * when it appears, so screen readers read it at once without another live region.
 */
import { html, nothing, type TemplateResult } from 'lit';

export interface FieldProblem {
  /** The id of the field the link focuses. */
  readonly fieldId: string;
  readonly message: string;
}

export function renderErrorSummary(
  title: string,
  problems: readonly FieldProblem[],
  focusField: (id: string) => void,
): TemplateResult | typeof nothing {
  if (problems.length === 0) return nothing;
  const jump = (event: Event, id: string) => {
    event.preventDefault();
    focusField(id);
  };
  return html`<div class="error-summary" part="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
    <h3 id="error-summary-title">${title}</h3>
    <ul>
      ${problems.map((p) => html`<li><a href="#${p.fieldId}" @click=${(e: Event) => jump(e, p.fieldId)}>${p.message}</a></li>`)}
    </ul>
  </div>`;
}

/** Focuses the summary once it is rendered (call after a refused submit). */
export function focusErrorSummary(root: ParentNode): void {
  root.querySelector<HTMLElement>('.error-summary')?.focus();
}
