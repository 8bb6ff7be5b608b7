export { createRegistry } from './registry.ts';
export type { Registry, RegistryOptions } from './registry.ts';
export { createRegistryState } from './state.ts';
export type { NodeRecord, RegistrySnapshot, RegistryState, RegistryStateOptions, AnnounceResult } from './state.ts';
export { ANNOUNCE_PREFIX, announceSigningString } from './announce-message.ts';
export type { AnnounceFields } from './announce-message.ts';
export { parseAnnounce, parseNodeAddress } from './parse-announce.ts';
export type { AnnounceRequest, NodeAddress } from './parse-announce.ts';
export { verifyAnnounce } from './verify-announce.ts';
export { genesisBlockHash, nextBlockHash, seedFromBlockHash, swarmHex } from './block-hash.ts';
export type { BlockEntry } from './block-hash.ts';
export { LIST_METHODS, parseListRequest } from './parse-rpc.ts';
export type { FieldSelection, ListMethod, ListRequest, RpcId } from './parse-rpc.ts';
export { buildServiceNodeList } from './service-node-list.ts';
export type { RandomIndex, ServiceNodeEntry, ServiceNodeListResult } from './service-node-list.ts';
export { stringifyWithBigInt } from './json-with-bigint.ts';
export { STATE_FILE, loadState, parseState, saveState, serializeState } from './persist.ts';
export { consoleLogger, silentLogger } from './logger.ts';
export type { Logger } from './logger.ts';
export {
  ANNOUNCE_CLOCK_SKEW_MS,
  DEFAULT_EXPIRY_MS,
  MAX_BODY_BYTES,
  MAX_NODES,
} from './limits.ts';
