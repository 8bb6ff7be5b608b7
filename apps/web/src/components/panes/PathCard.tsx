/**
 * One onion path: its 3 hops (guard, middle, exit) with the latency to each, the path's round
 * trip and failures. The guard shows the round trip from us to it; each later hop what it adds
 * ("+3 ms"), with the cumulative figure spelled out for screen readers and in the tooltip.
 * Before the first prefix probe a hop shows "measuring…".
 */
import type { NetworkStatus } from '../../api/types.ts';

type Path = NetworkStatus['paths'][number];
type Hop = Path['hops'][number];

const HOP_NAMES = ['Guard', 'Middle', 'Exit'];

/** Whole milliseconds, with one decimal under 10 ms (loopback hops take about one). */
const ms = (value: number): string => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

function HopLatency({ hop, index, previous }: { hop: Hop; index: number; previous: string }) {
  if (hop.latencyMs === null) return <span className="hop-latency muted small">measuring…</span>;
  const total = `${ms(hop.latencyMs)} from you`;
  if (index === 0) {
    return (
      <span className="hop-latency small" title={`${total} (round trip)`}>
        {ms(hop.latencyMs)}
        <span className="visually-hidden"> round trip from you</span>
      </span>
    );
  }
  const added = hop.hopMs === null ? null : `+${ms(hop.hopMs)}`;
  return (
    <span className="hop-latency small" title={`${added === null ? '' : `${added} after the ${previous.toLowerCase()}, `}${total} (round trip)`}>
      {added ?? ms(hop.latencyMs)}
      <span className="visually-hidden">{added === null ? ' round trip from you' : ` after the ${previous.toLowerCase()}, ${total}`}</span>
    </span>
  );
}

export function PathCard({ path, index }: { path: Path; index: number }) {
  return (
    <div className="card path-card">
      <div className="path-top">
        <h3>Path {index + 1}</h3>
        <span className="muted small">
          {path.latencyMs === null ? 'no requests yet' : `${ms(path.latencyMs)} round trip`}
          {path.failures > 0 ? ` · ${path.failures} failure${path.failures === 1 ? '' : 's'}` : ''}
        </span>
      </div>
      <ol className="hops" aria-label={`Path ${index + 1} hops`}>
        <li className="hop you">You</li>
        {path.hops.map((hop, i) => {
          const name = HOP_NAMES[i] ?? `Hop ${i + 1}`;
          return (
            <li key={hop.ed25519} className="hop" data-testid="path-hop">
              <span className="hop-head">
                <span className="hop-role">{name}</span>
                <HopLatency hop={hop} index={i} previous={HOP_NAMES[i - 1] ?? `hop ${i}`} />
              </span>
              <span className="mono">
                {hop.ip}:{hop.port}
              </span>
              <span className="mono muted small" title={hop.ed25519}>
                {hop.ed25519.slice(0, 10)}…
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
