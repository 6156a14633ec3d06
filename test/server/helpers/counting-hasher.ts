/** Counts hash operations (SS-04 is proved structurally: same number of argon2 operations). */
import type { Hasher } from '../../../server/crypto/hasher.ts';

export function countingHasher(inner: Hasher) {
  const counts = { hash: 0, verify: 0 };
  const hasher: Hasher = {
    hash: (p) => (counts.hash++, inner.hash(p)),
    verify: (h, p) => (counts.verify++, inner.verify(h, p)),
    stats: () => inner.stats(),
  };
  return {
    hasher,
    counts,
    reset: () => void ((counts.hash = 0), (counts.verify = 0)),
    total: () => counts.hash + counts.verify,
  };
}
