/**
 * A tiny Prometheus registry: counters and gauges with labels, rendered in the text exposition
 * format (version 0.0.4). One instance per node; no global state.
 */
export type Labels = Readonly<Record<string, string>>;

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  readonly values: Map<string, { labels: Labels; value: number }>;
}

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}
export interface Gauge {
  set(value: number, labels?: Labels): void;
}

export interface MetricsRegistry {
  counter(name: string, help: string): Counter;
  gauge(name: string, help: string): Gauge;
  /** Prometheus text format. */
  render(): string;
  /** Current value of a series (tests, status endpoint). */
  value(name: string, labels?: Labels): number;
}

/** Bound on label combinations per family, so hostile method names cannot grow memory. */
const MAX_SERIES = 1000;

/** Series key; callers pass each family's labels in one fixed order. */
function key(labels: Labels): string {
  let k = '';
  for (const name in labels) k += `${name}\u0000${labels[name]}\u0001`;
  return k;
}

function escape(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function renderLabels(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

export function createMetricsRegistry(): MetricsRegistry {
  const families = new Map<string, Family>();
  const family = (name: string, help: string, type: Family['type']): Family => {
    let f = families.get(name);
    if (f === undefined) {
      f = { name, help, type, values: new Map() };
      families.set(name, f);
    }
    return f;
  };
  const slot = (f: Family, labels: Labels): { labels: Labels; value: number } | undefined => {
    const k = key(labels);
    let s = f.values.get(k);
    if (s === undefined && f.values.size < MAX_SERIES) {
      s = { labels, value: 0 };
      f.values.set(k, s);
    }
    return s;
  };
  return {
    counter(name, help) {
      const f = family(name, help, 'counter');
      return {
        inc(labels = {}, by = 1) {
          const s = slot(f, labels);
          if (s !== undefined) s.value += by;
        },
      };
    },
    gauge(name, help) {
      const f = family(name, help, 'gauge');
      return {
        set(value, labels = {}) {
          const s = slot(f, labels);
          if (s !== undefined) s.value = value;
        },
      };
    },
    render() {
      const lines: string[] = [];
      for (const f of families.values()) {
        lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
        for (const s of f.values.values()) lines.push(`${f.name}${renderLabels(s.labels)} ${s.value}`);
      }
      return lines.join('\n') + '\n';
    },
    value(name, labels = {}) {
      return families.get(name)?.values.get(key(labels))?.value ?? 0;
    },
  };
}
