export { CLIENT_LIMITS } from './limits.ts';
export type { ClientLimits } from './limits.ts';
export { createOnionClient } from './onion-client.ts';
export type { OnionClient, OnionClientOptions, RpcBody, ServerRequest } from './onion-client.ts';
export { nodeSourceFor } from './network-option.ts';
export type { NetworkOption, SourceDeps } from './network-option.ts';
export { createNetworkTime } from './network-time.ts';
export type { NetworkTime } from './network-time.ts';
export { systemClock, abortedError, throwIfAborted, untilAborted } from './runtime/clock.ts';
export type { Clock } from './runtime/clock.ts';
export { systemRandom, uniformInt, shuffled, pick } from './runtime/random.ts';
export type { Random } from './runtime/random.ts';
export { silentClientLogger } from './runtime/logger.ts';
export type { ClientLogger } from './runtime/logger.ts';
export { createNodeHttpTransport } from './transport/node-http-transport.ts';
export type { NodeHttpTransportOptions } from './transport/node-http-transport.ts';
export { endpointLabel } from './transport/transport.ts';
export type { HttpEndpoint, Transport, TransportRequest, TransportResponse } from './transport/transport.ts';
export { nodeEndpoint, shortKey } from './node-pool/service-node.ts';
export type { ServiceNode } from './node-pool/service-node.ts';
export { parseServiceNode, parseIpv4, parsePort } from './node-pool/parse-service-node.ts';
export type { NodeFields } from './node-pool/parse-service-node.ts';
export { parseServiceNodeStates, parseDevnetNodes, parseSwarmSnodes } from './node-pool/parse-node-list.ts';
export type { ParsedNodeList } from './node-pool/parse-node-list.ts';
export { parseNodeListReply } from './node-pool/parse-node-list-reply.ts';
export { intersectNodeLists } from './node-pool/intersect-node-lists.ts';
export { NODE_LIST_PARAMS } from './node-pool/node-source.ts';
export type { NodeSource } from './node-pool/node-source.ts';
export { createRegistrySource, parseRegistryUrl } from './node-pool/registry-source.ts';
export type { RegistrySourceOptions, RegistryAddress } from './node-pool/registry-source.ts';
export { createDevnetFileSource, parseDevnetDoc } from './node-pool/devnet-file-source.ts';
export type { DevnetFileSourceOptions } from './node-pool/devnet-file-source.ts';
export { createSeedNodesSource } from './node-pool/seed-nodes-source.ts';
export type { SeedAddress, SeedNodesSourceOptions } from './node-pool/seed-nodes-source.ts';
export { createNodePool } from './node-pool/node-pool.ts';
export type { NodePool, NodePoolOptions, NodePoolLimits, RefreshOptions } from './node-pool/node-pool.ts';
export { pathHasNode, pathTouches } from './onion/onion-path.ts';
export type { OnionPath, OnionPathInfo } from './onion/onion-path.ts';
export { selectPathNodes } from './onion/select-path-nodes.ts';
export type { HopSelection } from './onion/select-path-nodes.ts';
export { createGuardTest } from './onion/guard-test.ts';
export type { GuardTest, GuardTestOptions } from './onion/guard-test.ts';
export { createPathManager } from './onion/path-manager.ts';
export type { PathManager, PathManagerOptions, PathLimits } from './onion/path-manager.ts';
export { V4_TARGET, coreDestination, targetLabel } from './onion/onion-target.ts';
export type { OnionServer, OnionTarget } from './onion/onion-target.ts';
export { buildClientRequest } from './onion/build-client-request.ts';
export { createLayerKeyPool, DEFAULT_LAYER_KEY_POOL } from './onion/layer-key-pool.ts';
export type { LayerKeyPool, LayerKeyPoolLimits, LayerMaterial } from './onion/layer-key-pool.ts';
export { hopFailedError, badResponseError } from './onion/path-failure.ts';
export type { OnionFailureReason, Blame, PathFailure, HopFailureFacts } from './onion/path-failure.ts';
export { classifyPathStatus, classifyTransportError, keyAfter } from './onion/classify-path-error.ts';
export { retryDelayMs } from './onion/retry-delay.ts';
export { decodeNodeReply, decodeServerReply } from './onion/onion-replies.ts';
export type { NodeReply, ServerReply } from './onion/onion-replies.ts';
export { hopFigures } from './onion/hop-figures.ts';
export type { HopFigure } from './onion/hop-figures.ts';
export { createHopLatency } from './onion/hop-latency.ts';
export type { HopLatency } from './onion/hop-latency.ts';
export { prefixOf, probePrefix, probePathHops } from './onion/prefix-probe.ts';
export type { PrefixProbeDeps, PrefixProbeLimits, PrefixProbeResult, PathHopsProbe } from './onion/prefix-probe.ts';
export { prefixProbeStrike } from './onion/prefix-probe-blame.ts';
export type { NodeStrike } from './onion/prefix-probe-blame.ts';
export { createOnionSender, sendOnionRequest } from './onion/onion-sender.ts';
export type { OnionSender, OnionSenderOptions, SenderLimits, SendOptions, ReplyDecoder } from './onion/onion-sender.ts';
export { parseAccountPubkey } from './swarm/parse-account-pubkey.ts';
export { swarmAmong, parseGetSwarmReply, fetchSwarm } from './swarm/swarm-resolver.ts';
export type { Swarm, AskNode } from './swarm/swarm-resolver.ts';
export { requestSwarm, isDestinationFailure } from './swarm/swarm-request.ts';
export type { SwarmRequestDeps, SwarmReply } from './swarm/swarm-request.ts';
export { createAccountStore, accountExistsError, noAccountError, ACCOUNT_FILE_NAME, ACCOUNT_FILE_MODE, DATA_DIR_MODE } from './account/account-store.ts';
export type { AccountStore, AccountStoreOptions, LoadedAccount } from './account/account-store.ts';
export { parseAccount, serializeAccount, ACCOUNT_FILE_VERSION } from './account/account-file.ts';
export type { AccountRecord } from './account/account-file.ts';
export { MAX_ACCOUNT_FILE_BYTES, ACCOUNT_SEED_SIZES } from './account/account-limits.ts';
export { isSystemError, withIoContext, systemErrorMessage } from './runtime/io-context.ts';
export type { SystemError } from './runtime/io-context.ts';
export { makeDirs } from './runtime/make-dir.ts';
export { writeNewFileAtomic } from './runtime/atomic-write.ts';
export { createClient, MESSENGER_DB_FILE } from './messenger/create-client.ts';
export type { CreateClientOptions, HushClient, Unsubscribe } from './messenger/client-api.ts';
export type {
  ChatMessage,
  ClientEventName,
  ClientEvents,
  ClientSettings,
  Contact,
  Conversation,
  ConversationState,
  DeliveryState,
  DisappearingMode,
  DisappearingSetting,
  NetworkStatus,
  PathHopStatus,
  SentMessage,
} from './messenger/messenger-types.ts';
export { MESSENGER_LIMITS } from './messenger/messenger-limits.ts';
export { checkText, checkDisplayName, checkDisappearing } from './messenger/content/content-checks.ts';
export { DISAPPEARING_TIMERS, MAX_TEXT_CODE_POINTS, MAX_DISPLAY_NAME_BYTES } from './messenger/content/content-limits.ts';
export { openMessengerDb } from './messenger/db/messenger-db.ts';
export type { MessengerDb, MessengerDbOptions } from './messenger/db/messenger-db-types.ts';
