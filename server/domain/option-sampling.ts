/**
 * Options that carry no information about which one is right (issue 9, docs/security.md
 * "Attacker model").
 *
 * The options of a choice question are a sample of the registry's answers to that question, drawn
 * with inclusion probability proportional to each answer's frequency (systematic πps sampling over
 * a random order). A real person's options are the same design CONDITIONED on containing their
 * answer; a decoy's are the design itself. Then, for an answer x with registry share p(x) and
 * inclusion probability π(x) = k·p(x):
 *
 *   P(x is right | options) ∝ p(x) · P(options | x) = p(x) · P(options) / π(x) ∝ 1/k,
 *
 * the same for every option: rare or common, old or recent, seen in decoys or not. Answers so
 * common that k·p(x) > 1 are capped at π = 1 (always offered); only they keep an edge, which
 * `odds` reports exactly so the verification policy can count it.
 */

/** Uniform numbers in [0, 1); tests pass a seeded one. */
export type Random = () => number;

export interface Distribution {
  values: readonly string[];
  /** Inclusion probability of each value for k options (sums to k; each ≤ 1). */
  inclusion: readonly number[];
  /** Each value's share of the registry's answers. */
  share: readonly number[];
  index: ReadonlyMap<string, number>;
  k: number;
}

/** Inclusion probabilities π = min(1, c·p) with c such that Σπ = k (capping the commonest). */
export function prepareDistribution(counts: ReadonlyMap<string, number>, k: number): Distribution | undefined {
  const values = [...counts.keys()].filter((v) => (counts.get(v) ?? 0) > 0).sort();
  if (values.length < k) return undefined;
  const total = values.reduce((s, v) => s + counts.get(v)!, 0);
  const share = values.map((v) => counts.get(v)! / total);
  const capped = new Set<number>();
  for (;;) {
    const rest = share.reduce((s, p, i) => (capped.has(i) ? s : s + p), 0);
    const c = (k - capped.size) / rest;
    const newly = share.findIndex((p, i) => !capped.has(i) && c * p >= 1);
    if (newly < 0) {
      const inclusion = share.map((p, i) => (capped.has(i) ? 1 : c * p));
      return { values, inclusion, share, index: new Map(values.map((v, i) => [v, i])), k };
    }
    for (let i = 0; i < share.length; i++) if (!capped.has(i) && c * share[i]! >= 1) capped.add(i);
  }
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const READING_ORDER = new Intl.Collator('es', { numeric: true });

export interface DrawnOptions {
  /** k distinct answers, in reading order (READING_ORDER). */
  options: string[];
  /** P(option i is right | these options), for a person drawn from the registry. */
  odds: number[];
}

/**
 * k options from the distribution: containing `right` when given (a real person), unconditioned
 * otherwise (a decoy). `right` must be one of the distribution's values.
 */
export function drawOptions(dist: Distribution, right: string | undefined, random: Random): DrawnOptions {
  const order = shuffled(
    dist.values.map((_, i) => i),
    random,
  );
  const starts: number[] = [];
  let at = 0;
  for (const i of order) {
    starts.push(at);
    at += dist.inclusion[i]!;
  }
  let u = random();
  if (right !== undefined) {
    const ri = dist.index.get(right);
    if (ri === undefined) throw new Error('the right answer is not in the distribution');
    const pos = order.indexOf(ri);
    const t = starts[pos]! + random() * dist.inclusion[ri]!;
    u = t - Math.floor(t);
  }
  const chosen: number[] = [];
  for (let j = 0; j < dist.k; j++) {
    const point = Math.min(u + j, at - 1e-12);
    // The last start ≤ point (binary search).
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= point) lo = mid;
      else hi = mid - 1;
    }
    const v = order[lo]!;
    if (!chosen.includes(v)) chosen.push(v);
  }
  // Rounding can, very rarely, hit one value twice: fill up with the next values in the order.
  for (let p = 0; chosen.length < dist.k; p++) if (!chosen.includes(order[p]!)) chosen.push(order[p]!);
  // Shown in reading order (years ascending, names as a Spanish reader sorts them), so a person finds
  // their answer among k: the order depends on the set alone, which the 1/k odds already cover.
  const display = chosen.sort((a, b) => READING_ORDER.compare(dist.values[a]!, dist.values[b]!));
  const weight = display.map((i) => dist.share[i]! / dist.inclusion[i]!);
  const sum = weight.reduce((s, w) => s + w, 0);
  return { options: display.map((i) => dist.values[i]!), odds: weight.map((w) => w / sum) };
}
