/**
 * Tiny typed localisation: Spanish is bundled and is the fallback for every key; English is loaded
 * on demand; a host may override any key. Unknown languages fall back to Spanish, never break.
 */
import { es, type MessageKey, type Messages } from './es.ts';

export type Lang = 'es' | 'en';

/** 'en', 'en-US' -> 'en'; anything that is not English -> 'es'. */
export function resolveLang(lang: string | null | undefined): Lang {
  return /^en(-|$)/i.test(lang ?? '') ? 'en' : 'es';
}

export async function loadMessages(lang: Lang): Promise<Messages> {
  if (lang === 'en') return (await import('./en.ts')).en;
  return es;
}

type Args<K extends MessageKey> = (typeof es)[K] extends (...args: infer A) => string ? A : [];

export class Localizer {
  constructor(
    private readonly messages: Messages = es,
    private readonly overrides: Partial<Record<MessageKey, string>> = {},
  ) {}

  /** The language of the widget's own text (English is the only other table): steps mark text in another language with it. */
  get lang(): Lang {
    return this.messages === es ? 'es' : 'en';
  }

  /** Whether `key` has words yet: the later Spanish joins the table only when it loads (./es-later.ts). */
  has(key: MessageKey): boolean {
    return this.overrides[key] !== undefined || this.messages[key] !== undefined || es[key] !== undefined;
  }

  t<K extends MessageKey>(key: K, ...args: Args<K>): string {
    const value = (this.overrides[key] ?? this.messages[key] ?? es[key]) as unknown;
    if (typeof value === 'function') return (value as (...a: unknown[]) => string)(...args);
    return typeof value === 'string' ? value : key;
  }
}
