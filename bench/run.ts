/**
 * `npm run bench -- <name>`: runs one benchmark script from this folder and prints its table.
 * Benchmarks are not tests: they print figures, they never fail on a slow machine.
 */
const SUITES: Readonly<Record<string, string>> = {
  core: './core.ts',
  node: './node.ts',
  onion: './onion.ts',
  e2e: './e2e.ts',
};

const name = process.argv.slice(2).find((a) => a !== '--');
const path = name === undefined ? undefined : SUITES[name];
if (path === undefined) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(SUITES).join('|')}>\n`);
  process.exitCode = 2;
} else {
  await import(path);
}
