import { isHushError } from '@hush/core';
import { firstMismatch, show } from './compare.ts';
import type { Vector } from './vector-file.ts';
import type { KindHandler } from './kinds/handler.ts';

export type VectorResult =
  | { readonly status: 'pass'; readonly name: string }
  | { readonly status: 'fail'; readonly name: string; readonly reason: string }
  | { readonly status: 'skip'; readonly name: string; readonly reason: string };

function describeError(err: unknown): string {
  if (isHushError(err)) return `error ${err.code}: ${err.message}`;
  if (err instanceof Error) return `error ${err.name}: ${err.message}`;
  return `error ${String(err)}`;
}

export function runVector(vector: Vector, handlers: ReadonlyMap<string, KindHandler>): VectorResult {
  const handler = handlers.get(vector.kind);
  if (handler === undefined) return { status: 'skip', name: vector.name, reason: `unknown kind ${vector.kind}` };
  let got: Readonly<Record<string, unknown>>;
  try {
    got = handler(vector.input);
  } catch (err) {
    return { status: 'fail', name: vector.name, reason: describeError(err) };
  }
  const m = firstMismatch(vector.expect, got);
  if (m === null) return { status: 'pass', name: vector.name };
  return { status: 'fail', name: vector.name, reason: `${m.field} expected ${show(m.expected)} got ${show(m.got)}` };
}

export function formatResult(r: VectorResult): string {
  if (r.status === 'pass') return `PASS ${r.name}`;
  return `${r.status === 'fail' ? 'FAIL' : 'SKIP'} ${r.name}: ${r.reason}`;
}

export function summarize(results: readonly VectorResult[]): { passed: number; failed: number; skipped: number; line: string } {
  const count = (s: VectorResult['status']): number => results.filter((r) => r.status === s).length;
  const passed = count('pass');
  const failed = count('fail');
  const skipped = count('skip');
  return { passed, failed, skipped, line: `${passed} passed, ${failed} failed, ${skipped} skipped` };
}
