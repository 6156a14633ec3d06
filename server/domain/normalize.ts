/** Answer normalisation (SS-10): NFKC, accents removed, case-folded, spaces collapsed. */
export function normalizeAnswer(raw: string): string {
  return raw
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim()
    .normalize('NFC');
}

/** Words of a name, normalised, at least 3 letters long (shorter ones match too much). */
export const nameWords = (...names: string[]): string[] =>
  names.flatMap((n) => normalizeAnswer(n).split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);
