// Worker threads do not inherit the TypeScript loader the main thread runs under (Node 20), so a
// worker starts here: register tsx, then import the TypeScript entry named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
