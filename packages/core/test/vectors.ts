/** Loads the shared known-answer vector files (../shared/vectors) for the core tests. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export const VECTORS = new URL('../../../../shared/vectors/', import.meta.url);

export interface ConformanceVector<E = Record<string, string>> {
  name: string;
  kind: string;
  input: Record<string, string>;
  expect: E;
}

export interface ClientVector<I = Record<string, unknown>, E = Record<string, unknown>> {
  name: string;
  inputs: I;
  expected: E;
}

function load<V>(file: string): V[] {
  return (JSON.parse(readFileSync(new URL(file, VECTORS), 'utf8')) as { vectors: V[] }).vectors;
}

/** Every conformance.json vector of `kind` (at least one must exist). */
export function conformance<E = Record<string, string>>(kind: string): ConformanceVector<E>[] {
  const found = load<ConformanceVector<E>>('conformance.json').filter((v) => v.kind === kind);
  assert.ok(found.length > 0, `conformance.json has vectors of kind ${kind}`);
  return found;
}

/** The session-client-vectors.json vector named `name`. */
export function clientVector<I = Record<string, unknown>, E = Record<string, unknown>>(name: string): ClientVector<I, E> {
  const v = load<ClientVector<I, E>>('session-client-vectors.json').find((x) => x.name === name);
  assert.ok(v, `vector ${name} exists`);
  return v;
}

/** Every session-client-vectors.json vector whose name starts with `prefix`. */
export function clientVectors<I = Record<string, unknown>, E = Record<string, unknown>>(prefix: string): ClientVector<I, E>[] {
  return load<ClientVector<I, E>>('session-client-vectors.json').filter((v) => v.name.startsWith(prefix));
}
