/**
 * How a flow ended while the popup was closed: the worker writes it to storage.session when the
 * server says the flow is over, the popup reads it once to open on the end state (issue 10 §8).
 * Only the outcome: no token, nothing personal.
 */
export const ENDED_KEY = 'flowEnded';
export type FlowOutcome = 'completed' | 'expired';
