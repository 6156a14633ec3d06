/**
 * Where a waiting flow may be kept to resume (popup reopened, page reloaded). Only what
 * `ResumableFlow` holds: step id, masked hints, expiry and the short-lived flow token (CS-07).
 * Memory is the default; `sessionFlowStore` keeps it per tab; the extension brings its own
 * (`storage.session`).
 */
import type { ResumableFlow } from './types.ts';

export interface FlowStore {
  load(): ResumableFlow | null | Promise<ResumableFlow | null>;
  save(flow: ResumableFlow): void | Promise<void>;
  clear(): void | Promise<void>;
}

/** Keeps only the allowed fields, whatever the object carries. */
export function pickResumable(flow: ResumableFlow): ResumableFlow {
  const r: ResumableFlow = {
    step: 'activation-sent',
    flowToken: flow.flowToken,
    flowExpiresAt: flow.flowExpiresAt,
    case: flow.case,
    maskedId: flow.maskedId,
  };
  if (flow.activation) r.activation = { ...flow.activation };
  return r;
}

export class MemoryFlowStore implements FlowStore {
  private flow: ResumableFlow | null = null;
  load(): ResumableFlow | null {
    return this.flow;
  }
  save(flow: ResumableFlow): void {
    this.flow = pickResumable(flow);
  }
  clear(): void {
    this.flow = null;
  }
}

const KEY = 'iess-clave:flow';

/** Per-tab sessionStorage; anything malformed or expired is dropped. */
export function sessionFlowStore(storage: Storage = sessionStorage, now: () => number = Date.now): FlowStore {
  return {
    load() {
      try {
        const raw = storage.getItem(KEY);
        if (!raw) return null;
        const f = JSON.parse(raw) as Partial<ResumableFlow>;
        if (f.step !== 'activation-sent' || typeof f.flowToken !== 'string' || typeof f.flowExpiresAt !== 'string') return null;
        if (f.case !== 'generar' && f.case !== 'recuperar') return null;
        if (typeof f.maskedId !== 'string' || Date.parse(f.flowExpiresAt) <= now()) {
          storage.removeItem(KEY);
          return null;
        }
        return pickResumable(f as ResumableFlow);
      } catch {
        return null;
      }
    },
    save(flow) {
      storage.setItem(KEY, JSON.stringify(pickResumable(flow)));
    },
    clear() {
      storage.removeItem(KEY);
    },
  };
}
