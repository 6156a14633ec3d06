/**
 * `activation-sent` (step 6, "Revise su correo"): waits for the link to be used (polls and other
 * tabs' broadcasts), counts the link's time down, and resends when the cooldown allows.
 */
import type { FlowEvent, StateAt, Transition } from '../types.ts';
import { call, enter, fail, offsetFrom, same, update, wipe } from './common.ts';

export function activationSent(s: StateAt<'activation-sent'>, event: FlowEvent): Transition {
  switch (event.type) {
    case 'status':
      return statusArrived(s, event.response, event.at);
    case 'poll':
    case 'completed-elsewhere':
      return { state: s, effects: [call({ op: 'getFlowStatus' })] };
    case 'link-time-up':
      return s.linkTimeUp ? same(s) : { state: update(s, { linkTimeUp: true }), effects: [] };
    case 'activation-sent': {
      if (!s.pending) return same(s);
      const r = event.response;
      return {
        state: update(s, {
          pending: false,
          problem: null,
          activation: r.activation,
          linkTimeUp: false,
          clockOffsetMs: offsetFrom(r.now, event.at),
        }),
        effects: [],
      };
    }
    case 'failed':
      // A failed poll changes nothing: the next poll or the timer will tell.
      return s.pending && event.op === 'resendActivation' ? fail(s, event.error) : same(s);
    case 'change-email': {
      // Only a new address typed in this flow can be corrected, and only while its link is unused (the server decides too).
      if (s.pending || !s.activation?.newAddress) return same(s);
      return {
        state: enter(
          s,
          'email',
          { flow: s.flow, email: { onRecord: false }, dialog: null, changing: { activation: s.activation, typedEmail: s.typedEmail } },
          { problem: null },
        ),
        effects: [],
      };
    }
    case 'resend': {
      const a = s.activation;
      if (s.pending || !a || a.resendsLeft <= 0) return same(s);
      if (event.at + s.clockOffsetMs < Date.parse(a.resendAvailableAt)) return same(s);
      return { state: update(s, { pending: true, problem: null }), effects: [call({ op: 'resendActivation' })] };
    }
    default:
      return same(s);
  }
}

/** Where the server says the flow stands: completed elsewhere ends here too; a new link restarts the countdown. */
function statusArrived(s: StateAt<'activation-sent'>, r: Extract<FlowEvent, { type: 'status' }>['response'], at: number): Transition {
  const clockOffsetMs = offsetFrom(r.now, at);
  if (r.step === 'completed') {
    return {
      state: wipe(s, 'done', { outcome: { case: r.case, completedAt: r.now } }, { clockOffsetMs }),
      effects: [{ type: 'emit', event: { name: 'complete', case: r.case } }, { type: 'clear-store' }],
    };
  }
  const flow = { ...s.flow, expiresAt: r.flowExpiresAt };
  if (r.step === 'activation-sent' && r.activation) {
    const linkTimeUp = r.activation.expiresAt !== s.activation?.expiresAt ? false : s.linkTimeUp;
    return { state: update(s, { clockOffsetMs, flow, activation: r.activation, linkTimeUp }), effects: [] };
  }
  return { state: update(s, { clockOffsetMs, flow }), effects: [] };
}
