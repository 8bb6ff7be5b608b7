// Worker threads do not inherit the TypeScript loader the main thread runs under (Node 20), so a
// worker starts here. tsx's in-thread require hook is used, not its ESM loader: the ESM loader
// would run its hooks on a thread of their own (measured: ~6 MB less RSS without it).
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';
import { require as tsxRequire } from 'tsx/cjs/api';

tsxRequire(fileURLToPath(workerData.entry), import.meta.url);
