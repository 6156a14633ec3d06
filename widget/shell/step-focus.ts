/**
 * Where focus goes when the shell shows a new step (WCAG 2.4.3): the step's heading (the step's
 * `focusHeading()`), or the shell's own heading for a view without a step element.
 */
type StepElement = HTMLElement & { focusHeading?: () => Promise<void> };

export function focusStepHeading(root: ParentNode): void {
  const step = root.querySelector<StepElement>('[data-step]');
  // An answer may come before the later elements' chunk: the heading takes focus once the step's
  // element is defined, unless the person has clicked, tapped or typed meanwhile (focus is theirs).
  if (step && !customElements.get(step.localName)) {
    const controller = new AbortController();
    for (const type of ['pointerdown', 'keydown'])
      window.addEventListener(type, () => controller.abort(), { capture: true, signal: controller.signal });
    void customElements.whenDefined(step.localName).then(() => {
      const acted = controller.signal.aborted;
      controller.abort();
      if (step.isConnected && !acted) void step.focusHeading?.();
    });
  } else if (step?.focusHeading) void step.focusHeading();
  else root.querySelector<HTMLElement>('h2')?.focus();
}
