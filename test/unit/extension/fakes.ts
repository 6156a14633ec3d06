/** In-memory stand-ins for the WebExtension API slices in src/platform/ports.ts. */
import type { AlarmsApi, BadgeApi, KeyValueArea, NotificationsApi, PermissionsApi } from '../../../src/platform/ports.ts';

export class FakeArea implements KeyValueArea {
  readonly data = new Map<string, unknown>();
  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    const wanted = keys == null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    const out: Record<string, unknown> = {};
    for (const key of wanted) if (this.data.has(key)) out[key] = structuredClone(this.data.get(key));
    return out;
  }
  async set(items: Record<string, unknown>): Promise<void> {
    // Real storage serialises: a value that cannot be cloned fails here too.
    for (const [key, value] of Object.entries(items)) this.data.set(key, structuredClone(value));
  }
  async remove(keys: string | string[]): Promise<void> {
    for (const key of Array.isArray(keys) ? keys : [keys]) this.data.delete(key);
  }
  dump(): string {
    return JSON.stringify(Object.fromEntries(this.data));
  }
}

export class FakePermissions implements PermissionsApi {
  readonly granted = new Set<string>();
  readonly calls: string[] = [];
  answer = true;
  async contains(p: { origins?: string[] }) {
    return (p.origins ?? []).every((o) => this.granted.has(o));
  }
  request(p: { origins?: string[] }) {
    this.calls.push(`request ${(p.origins ?? []).join(',')}`);
    if (this.answer) for (const o of p.origins ?? []) this.granted.add(o);
    return Promise.resolve(this.answer);
  }
  async remove(p: { origins?: string[] }) {
    this.calls.push(`remove ${(p.origins ?? []).join(',')}`);
    for (const o of p.origins ?? []) this.granted.delete(o);
    return true;
  }
}

export class FakeAlarms implements AlarmsApi {
  readonly alarms = new Map<string, number>();
  create(name: string, info: { when: number }) {
    this.alarms.set(name, info.when);
  }
  async clear(name: string) {
    return this.alarms.delete(name);
  }
}

export class FakeBadge implements BadgeApi {
  text = '';
  title = '';
  color = '';
  async setText(text: string) {
    this.text = text;
  }
  async setTitle(title: string) {
    this.title = title;
  }
  async setBackgroundColor(color: string) {
    this.color = color;
  }
}

export class FakeNotifications implements NotificationsApi {
  readonly shown: { id: string; title: string; message: string; iconUrl: string }[] = [];
  readonly cleared: string[] = [];
  async create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }) {
    this.shown.push({ id, title: options.title, message: options.message, iconUrl: options.iconUrl });
    return id;
  }
  async clear(id: string) {
    this.cleared.push(id);
    return true;
  }
}

/** setTimeout/clearTimeout by hand: a timer runs only when the test says so. */
export class FakeTimers {
  private next = 1;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();
  set = (fn: () => void, ms: number): number => {
    const id = this.next++;
    this.pending.set(id, { fn, ms });
    return id;
  };
  clear = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };
  /** Runs every timer due now (as if their delay had passed) and returns how many ran. */
  run(): number {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, timer] of due) timer.fn();
    return due.length;
  }
}
