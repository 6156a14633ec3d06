/**
 * The wizard's FlowStore (widget/flow/store.ts) over storage.session: what lets the popup resume
 * after it closes (it closes as soon as the person switches to their mail). storage.session lives
 * in memory, dies with the browser and is not exposed to content scripts (EX-03). Only the fields
 * `pickResumable` allows are written: step id, masked hints, expiry and the short-lived flow token.
 */
import { Activation, Case } from '../../widget/api/contract.ts';
import { pickResumable, type FlowStore } from '../../widget/flow/store.ts';
import type { ResumableFlow } from '../../widget/flow/types.ts';
import type { KeyValueArea } from './ports.ts';

export const FLOW_KEY = 'flow';

function isResumable(value: unknown): value is ResumableFlow {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Partial<ResumableFlow>;
  return (
    f.step === 'activation-sent' &&
    typeof f.flowToken === 'string' &&
    typeof f.flowExpiresAt === 'string' &&
    !Number.isNaN(Date.parse(f.flowExpiresAt)) &&
    Case.safeParse(f.case).success &&
    typeof f.maskedId === 'string' &&
    (f.activation === undefined || Activation.safeParse(f.activation).success)
  );
}

export function createExtensionFlowStore(area: KeyValueArea, now: () => number = Date.now): FlowStore {
  return {
    async load() {
      const stored = (await area.get(FLOW_KEY))[FLOW_KEY];
      if (!isResumable(stored) || Date.parse(stored.flowExpiresAt) <= now()) {
        if (stored !== undefined) await area.remove(FLOW_KEY);
        return null;
      }
      return pickResumable(stored);
    },
    async save(flow) {
      await area.set({ [FLOW_KEY]: pickResumable(flow) });
    },
    async clear() {
      await area.remove(FLOW_KEY);
    },
  };
}
