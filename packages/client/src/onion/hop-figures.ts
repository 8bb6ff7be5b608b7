/**
 * Per-hop latency figures of one onion path from the median round trip to each of its prefixes
 * (hop k reached through hops 0..k−1, hop k answering an `info` as the destination).
 *
 * `latencyMs` is the cumulative round trip to the hop; `hopMs` is the hop's own share (its
 * cumulative figure minus the previous hop's; for the guard, the whole round trip). Reaching hop k
 * means passing hops 0..k−1, so a longer prefix cannot honestly be faster: when noise makes a
 * median smaller than an earlier hop's, the cumulative figure is held at the earlier one (the hop's
 * share is then 0), never shown as a negative share. A hop without a median has null figures, and
 * so does the share of the hop after it (its predecessor's figure is unknown).
 */
export interface HopFigure {
  /** Round trip from us to this hop through the hops before it (ms), or null before any sample. */
  readonly latencyMs: number | null;
  /** This hop's own share of it (ms), or null when it or the previous hop is not measured. */
  readonly hopMs: number | null;
}

export function hopFigures(medians: readonly (number | null)[]): HopFigure[] {
  const figures: HopFigure[] = [];
  let floor = 0; // the largest cumulative figure so far (a later hop is never faster)
  let previous: number | null = 0; // the cumulative figure of the hop before (0: us)
  for (const m of medians) {
    const latencyMs = m === null ? null : Math.max(m, floor);
    const hopMs = latencyMs === null || previous === null ? null : latencyMs - previous;
    figures.push({ latencyMs, hopMs });
    if (latencyMs !== null) floor = latencyMs;
    previous = latencyMs;
  }
  return figures;
}
