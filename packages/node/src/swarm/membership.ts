/**
 * The node's place in the network: holds the current SwarmView, answers the RPC layer's swarm
 * questions (is this account ours? which swarm owns it?), lists our peers, and tells listeners
 * when membership changes (the swarm-change pusher).
 */
import type { SwarmInfo, SwarmLookup, SwarmMember } from '../rpc/context.ts';
import { ownerSwarm, sameMembership, swarmMembers, swarmOf, type SwarmView } from './swarm-view.ts';

export type ViewListener = (previous: SwarmView | null, next: SwarmView) => void;

export interface Membership extends SwarmLookup {
  update(view: SwarmView): void;
  view(): SwarmView | null;
  /** Our swarm id, or null. */
  mySwarm(): bigint | null;
  /** The other members of our swarm. */
  peers(): readonly SwarmMember[];
  isKnownNode(ed25519Hex: string): boolean;
  /** Why we cannot serve yet (SS 503 "Service node is not ready: <reason>"), or null. */
  notReadyReason(): string | null;
  onChange(listener: ViewListener): void;
}

const DEFAULT_HF: [number, number] = [21, 0];
/** Owner-swarm lookups cached per account (cleared on every new view). */
const OWNER_CACHE_MAX = 20_000;

export function createMembership(me: string): Membership {
  let current: SwarmView | null = null;
  let mine: bigint | null = null;
  let peers: readonly SwarmMember[] = [];
  const listeners: ViewListener[] = [];
  let owners = new Map<string, bigint | null>();

  const owner = (account: Uint8Array): bigint | null => {
    if (current === null) return null;
    const key = Buffer.from(account.buffer, account.byteOffset, account.byteLength).toString('latin1');
    let id = owners.get(key);
    if (id === undefined) {
      id = ownerSwarm(current, account);
      if (owners.size >= OWNER_CACHE_MAX) owners = new Map();
      owners.set(key, id);
    }
    return id;
  };

  const info = (id: bigint | null): SwarmInfo | null => (current === null || id === null ? null : { id, members: swarmMembers(current, id) });

  return {
    update(view) {
      const previous = current;
      current = view;
      owners = new Map();
      mine = swarmOf(view, me);
      peers = swarmMembers(view, mine).filter((m) => m.ed25519Hex !== me);
      if (previous !== null && sameMembership(previous, view)) return;
      for (const l of listeners) l(previous, view);
    },
    view: () => current,
    mySwarm: () => mine,
    peers: () => peers,
    isKnownNode: (pk) => current?.byEd25519.has(pk) ?? false,
    notReadyReason() {
      if (current === null) return 'no service node list yet';
      if (mine === null) return 'not in any swarm';
      return null;
    },
    onChange: (l) => void listeners.push(l),
    isOurs: (account) => mine !== null && owner(account) === mine,
    swarmFor: (account) => info(owner(account)),
    hf: () => (current === null ? [...DEFAULT_HF] : [current.hf[0], current.hf[1]]),
    height: () => current?.height ?? 0,
  };
}
