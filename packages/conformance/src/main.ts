/**
 * `npm run conformance -- <file>`: prints PASS/FAIL/SKIP per vector and a last line
 * `N passed, N failed, N skipped`. Exit status 0 only when nothing failed.
 */
import { readFileSync } from 'node:fs';
import { isHushError } from '@hush/core';
import { parseVectorFile } from './vector-file.ts';
import { formatResult, runVector, summarize } from './run.ts';
import { KIND_HANDLERS } from './kinds/index.ts';

function main(argv: readonly string[]): number {
  const files = argv.filter((a) => a !== '--');
  if (files.length === 0) {
    process.stderr.write('usage: npm run conformance -- <vector-file.json> [more files...]\n');
    return 2;
  }
  const results = [];
  for (const path of files) {
    const file = parseVectorFile(readFileSync(path, 'utf8'));
    for (const v of file.vectors) {
      const r = runVector(v, KIND_HANDLERS);
      results.push(r);
      process.stdout.write(`${formatResult(r)}\n`);
    }
  }
  const s = summarize(results);
  process.stdout.write(`${s.line}\n`);
  return s.failed === 0 ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  const msg = isHushError(err) ? `${err.message} (${err.code})` : err instanceof Error ? err.message : String(err);
  process.stderr.write(`conformance: ${msg}\n`);
  process.exitCode = 2;
}
