/**
 * A tiny Prometheus registry: counters, gauges and histograms with labels, rendered in the text
 * exposition format (version 0.0.4). One instance per node; no global state.
 */
export type Labels = Readonly<Record<string, string>>;

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  readonly values: Map<string, { labels: Labels; value: number }>;
}

interface HistogramSeries {
  readonly labels: Labels;
  /** Per-bucket (not cumulative) counts; the last slot is +Inf. */
  readonly counts: number[];
  sum: number;
  count: number;
}

interface HistogramFamily {
  readonly name: string;
  readonly help: string;
  readonly buckets: readonly number[];
  readonly series: Map<string, HistogramSeries>;
}

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}
export interface Gauge {
  set(value: number, labels?: Labels): void;
}
export interface Histogram {
  observe(value: number, labels?: Labels): void;
}

export interface MetricsRegistry {
  counter(name: string, help: string): Counter;
  gauge(name: string, help: string): Gauge;
  /** `buckets`: ascending upper bounds (the +Inf bucket is added). */
  histogram(name: string, help: string, buckets: readonly number[]): Histogram;
  /** Prometheus text format. */
  render(): string;
  /** Current value of a series (tests, status endpoint); `<histogram>_count` / `_sum` work too. */
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

function renderHistogram(h: HistogramFamily, lines: string[]): void {
  lines.push(`# HELP ${h.name} ${h.help}`, `# TYPE ${h.name} histogram`);
  for (const s of h.series.values()) {
    let cumulative = 0;
    for (let i = 0; i <= h.buckets.length; i++) {
      cumulative += s.counts[i]!;
      const le = i < h.buckets.length ? String(h.buckets[i]) : '+Inf';
      lines.push(`${h.name}_bucket${renderLabels({ ...s.labels, le })} ${cumulative}`);
    }
    lines.push(`${h.name}_sum${renderLabels(s.labels)} ${s.sum}`, `${h.name}_count${renderLabels(s.labels)} ${s.count}`);
  }
}

function histogramValue(histograms: ReadonlyMap<string, HistogramFamily>, name: string, labels: Labels): number {
  const m = /^(.*)_(count|sum)$/.exec(name);
  const s = m === null ? undefined : histograms.get(m[1]!)?.series.get(key(labels));
  if (m === null || s === undefined) return 0;
  return m[2] === 'count' ? s.count : s.sum;
}

function createHistogram(h: HistogramFamily): Histogram {
  return {
    observe(value, labels = {}) {
      const k = key(labels);
      let s = h.series.get(k);
      if (s === undefined) {
        if (h.series.size >= MAX_SERIES) return;
        s = { labels, counts: new Array<number>(h.buckets.length + 1).fill(0), sum: 0, count: 0 };
        h.series.set(k, s);
      }
      let i = 0;
      while (i < h.buckets.length && value > h.buckets[i]!) i++;
      s.counts[i]!++;
      s.sum += value;
      s.count++;
    },
  };
}

export function createMetricsRegistry(): MetricsRegistry {
  const families = new Map<string, Family>();
  const histograms = new Map<string, HistogramFamily>();
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
    histogram(name, help, buckets) {
      let h = histograms.get(name);
      if (h === undefined) {
        h = { name, help, buckets: [...buckets], series: new Map() };
        histograms.set(name, h);
      }
      return createHistogram(h);
    },
    render() {
      const lines: string[] = [];
      for (const f of families.values()) {
        lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
        for (const s of f.values.values()) lines.push(`${f.name}${renderLabels(s.labels)} ${s.value}`);
      }
      for (const h of histograms.values()) renderHistogram(h, lines);
      return lines.join('\n') + '\n';
    },
    value(name, labels = {}) {
      return families.get(name)?.values.get(key(labels))?.value ?? histogramValue(histograms, name, labels);
    },
  };
}
