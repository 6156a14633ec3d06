/** Feeds events to the flow machine from a state (the initial one unless given): the final state and every effect, in order. */
import { initialState, transition } from '../../widget/flow/machine.ts';
import type { FlowEffect, FlowEvent, FlowState } from '../../widget/flow/types.ts';

export function runEvents(events: FlowEvent[], from: FlowState = initialState): { state: FlowState; effects: FlowEffect[] } {
  let state = from;
  const effects: FlowEffect[] = [];
  for (const e of events) {
    const t = transition(state, e);
    state = t.state;
    effects.push(...t.effects);
  }
  return { state, effects };
}
