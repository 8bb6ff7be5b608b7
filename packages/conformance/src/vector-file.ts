import { HushError } from '@hush/core';

export interface Vector {
  readonly name: string;
  readonly kind: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly expect: Readonly<Record<string, unknown>>;
}

export interface VectorFile {
  readonly kinds: readonly string[];
  readonly vectors: readonly Vector[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bad(message: string): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', `vector file: ${message}`);
}

function parseVector(v: unknown, index: number): Vector {
  if (!isRecord(v)) throw bad(`vectors[${index}] is not an object`);
  const { name, kind, input, expect } = v;
  if (typeof name !== 'string' || name === '') throw bad(`vectors[${index}].name must be a non-empty string`);
  if (typeof kind !== 'string') throw bad(`vectors[${index}] (${name}).kind must be a string`);
  if (!isRecord(input)) throw bad(`vectors[${index}] (${name}).input must be an object`);
  if (!isRecord(expect)) throw bad(`vectors[${index}] (${name}).expect must be an object`);
  return { name, kind, input, expect };
}

/** Parses the text of a `conformance/1` file; every structural problem names where it is. */
export function parseVectorFile(text: string): VectorFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_JSON', 'vector file: not valid JSON', { cause });
  }
  if (!isRecord(doc)) throw bad('top level must be an object');
  if (doc['format'] !== 'conformance/1') throw bad(`format must be "conformance/1", got ${JSON.stringify(doc['format'])}`);
  const vectors = doc['vectors'];
  if (!Array.isArray(vectors)) throw bad('"vectors" must be an array');
  const kinds = Array.isArray(doc['kinds']) ? doc['kinds'].filter((k): k is string => typeof k === 'string') : [];
  return { kinds, vectors: vectors.map(parseVector) };
}
