/**
 * The error summary shown at the top of a form after a refused submit: a titled box listing every
 * problem, each a link that moves focus to its field (WCAG 3.3.1). Built like GOV.UK Frontend's:
 * the outer box takes focus (tabindex="-1"), so a screen reader reads it where the person now is;
 * `role="alert"` sits on a child, never on the focused element (GOV.UK keeps them apart so focus
 * and alert do not race and cut the reading short), and nothing names a generic element (no
 * aria-labelledby: ARIA prohibits naming a generic): the title is a heading inside the alert,
 * read with the problems (issue 14).
 */
import { html, nothing, type TemplateResult } from 'lit';

export interface FieldProblem {
  /** The id of the field the link focuses. */
  readonly fieldId: string;
  /** Plain text, or a template when part of it is in another language (`lang`, issue 14). */
  readonly message: string | TemplateResult;
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
  return html`<div class="error-summary" part="error-summary" tabindex="-1">
    <div role="alert">
      <h3>${title}</h3>
      <ul>
        ${problems.map((p) => html`<li><a href="#${p.fieldId}" @click=${(e: Event) => jump(e, p.fieldId)}>${p.message}</a></li>`)}
      </ul>
    </div>
  </div>`;
}

/** Focuses the summary once it is rendered (call after a refused submit). */
export function focusErrorSummary(root: ParentNode): void {
  root.querySelector<HTMLElement>('.error-summary')?.focus();
}
