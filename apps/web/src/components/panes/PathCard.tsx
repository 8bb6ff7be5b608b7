/** One onion path: its 3 hops (guard, middle, exit), its latency and failures. */
import type { NetworkStatus } from '../../api/types.ts';

type Path = NetworkStatus['paths'][number];

const HOP_NAMES = ['Guard', 'Middle', 'Exit'];

export function PathCard({ path, index }: { path: Path; index: number }) {
  return (
    <div className="card path-card">
      <div className="path-top">
        <h3>Path {index + 1}</h3>
        <span className="muted small">
          {path.latencyMs === null ? 'no requests yet' : `${Math.round(path.latencyMs)} ms round trip`}
          {path.failures > 0 ? ` · ${path.failures} failure${path.failures === 1 ? '' : 's'}` : ''}
        </span>
      </div>
      <ol className="hops">
        <li className="hop you">You</li>
        {path.hops.map((hop, i) => (
          <li key={hop.ed25519} className="hop">
            <span className="hop-role">{HOP_NAMES[i] ?? `Hop ${i + 1}`}</span>
            <span className="mono">
              {hop.ip}:{hop.port}
            </span>
            <span className="mono muted small" title={hop.ed25519}>
              {hop.ed25519.slice(0, 10)}…
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
