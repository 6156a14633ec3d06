/**
 * Where a flow past BUSCAR may be kept to resume (popup reopened, page reloaded). Only what
 * `ResumableFlow` holds: step id, case, masked identification, the short-lived flow token and its
 * expiry, and the server's data for the step (CS-07). A host's store is not trusted either: what
 * it loads is checked against the contract before use (./resumable.ts).
 * Memory is the default; `sessionFlowStore` keeps it per tab; the extension brings its own
 * (`storage.session`).
 */
import type { FlowFields, ResumableFlow, ResumableStep } from './types.ts';

export interface FlowStore {
  load(): ResumableFlow | null | Promise<ResumableFlow | null>;
  save(flow: ResumableFlow): void | Promise<void>;
  clear(): void | Promise<void>;
}

/** The server's data each resumable step keeps, by its name in FlowState. */
export const RESUMABLE_DATA = {
  verification: 'verification',
  'security-questions': 'securityQuestions',
  email: 'email',
  'activation-sent': 'activation',
} as const satisfies Record<ResumableStep, keyof FlowFields>;

/** The step's server data in a snapshot (undefined when absent). */
export function resumableData(flow: ResumableFlow): unknown {
  return (flow as unknown as Record<string, unknown>)[RESUMABLE_DATA[flow.step]];
}

/** Keeps only the allowed fields for the flow's step, whatever the object carries (copied, not shared). */
export function pickResumable(flow: ResumableFlow): ResumableFlow {
  const key = RESUMABLE_DATA[flow.step];
  const data = resumableData(flow);
  return {
    step: flow.step,
    flowToken: flow.flowToken,
    flowExpiresAt: flow.flowExpiresAt,
    case: flow.case,
    maskedId: flow.maskedId,
    ...(data !== undefined ? { [key]: structuredClone(data) } : {}),
  } as ResumableFlow;
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

/** This tab's sessionStorage; reaching it can throw (sandboxed frames, blocked storage): then memory, never a dead widget. */
export function tabFlowStore(now: () => number): FlowStore {
  try {
    return sessionFlowStore(window.sessionStorage, now);
  } catch {
    return new MemoryFlowStore();
  }
}

/** Per-tab sessionStorage; anything malformed or expired is dropped. */
export function sessionFlowStore(storage: Storage = sessionStorage, now: () => number = Date.now): FlowStore {
  return {
    load() {
      try {
        const raw = storage.getItem(KEY);
        if (!raw) return null;
        const f = JSON.parse(raw) as Partial<ResumableFlow>;
        // The shape is checked against the contract where it is used (./resumable.ts, loaded lazily).
        if (!Object.hasOwn(RESUMABLE_DATA, f.step ?? '') || typeof f.flowExpiresAt !== 'string' || !(Date.parse(f.flowExpiresAt) > now())) {
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
