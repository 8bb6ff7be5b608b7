/**
 * Plain TypeScript shapes of the protobuf messages in `schema.ts`, as `codec.ts` decodes and
 * encodes them. Conventions:
 * - an optional field is absent (not `undefined`) when it is not on the wire, so presence is kept;
 * - repeated fields are absent when empty;
 * - 64-bit integers are `number` (values above Number.MAX_SAFE_INTEGER are rejected), except the
 *   Pro bitsets, which are `bigint`;
 * - enums are plain numbers (a newer peer may send a value this schema does not name); the known
 *   values are in the `…Type` constants below;
 * - decoded `bytes` are views into the decoded input.
 */

export const EnvelopeType = { SESSION_MESSAGE: 6, CLOSED_GROUP_MESSAGE: 7 } as const;
export const WebSocketMessageType = { UNKNOWN: 0, REQUEST: 1, RESPONSE: 2 } as const;
export const ExpirationType = { UNKNOWN: 0, DELETE_AFTER_READ: 1, DELETE_AFTER_SEND: 2 } as const;
export const TypingAction = { STARTED: 0, STOPPED: 1 } as const;
export const CallMessageType = {
  OFFER: 1,
  ANSWER: 2,
  PROVISIONAL_ANSWER: 3,
  ICE_CANDIDATES: 4,
  END_CALL: 5,
  PRE_OFFER: 6,
} as const;
export const DataExtractionType = { SCREENSHOT: 1, MEDIA_SAVED: 2 } as const;
export const DataMessageFlags = { EXPIRATION_TIMER_UPDATE: 2 } as const;
export const ReactionAction = { REACT: 0, REMOVE: 1 } as const;
export const ReceiptType = { DELIVERY: 0, READ: 1 } as const;
export const AttachmentFlags = { VOICE_MESSAGE: 1 } as const;
export const SharedConfigKind = { USER_PROFILE: 1, CONTACTS: 2, CONVO_INFO_VOLATILE: 3, USER_GROUPS: 4 } as const;
export const ClosedGroupControlType = {
  NEW: 1,
  ENCRYPTION_KEY_PAIR: 3,
  NAME_CHANGE: 4,
  MEMBERS_ADDED: 5,
  MEMBERS_REMOVED: 6,
  MEMBER_LEFT: 7,
  ENCRYPTION_KEY_PAIR_REQUEST: 8,
} as const;
export const GroupInfoChangeType = { NAME: 1, AVATAR: 2, DISAPPEARING_MESSAGES: 3 } as const;
export const GroupMemberChangeType = { ADDED: 1, REMOVED: 2, PROMOTED: 3 } as const;

export interface EnvelopeMessage {
  readonly type: number;
  /** 66-hex sender/group id; 1:1 envelopes leave it out. */
  readonly source?: string;
  /** Sent timestamp, ms. */
  readonly timestamp: number;
  readonly sourceDevice?: number;
  readonly content?: Uint8Array;
  readonly serverTimestamp?: number;
  readonly proSig?: Uint8Array;
}

export interface WebSocketRequestMessage {
  readonly verb?: string;
  readonly path?: string;
  readonly body?: Uint8Array;
  readonly requestId?: number;
  readonly headers?: readonly string[];
}

export interface WebSocketResponseMessage {
  readonly requestId?: number;
  readonly status?: number;
  readonly message?: string;
  readonly body?: Uint8Array;
  readonly headers?: readonly string[];
}

export interface WebSocketMessage {
  readonly type?: number;
  readonly request?: WebSocketRequestMessage;
  readonly response?: WebSocketResponseMessage;
}

export interface ContentMessage {
  readonly dataMessage?: DataMessage;
  readonly callMessage?: CallMessage;
  readonly receiptMessage?: ReceiptMessage;
  readonly typingMessage?: TypingMessage;
  /** Legacy (pre-libsession config sync). */
  readonly configurationMessage?: ConfigurationMessage;
  readonly dataExtractionNotification?: DataExtractionNotification;
  readonly unsendRequest?: UnsendRequest;
  readonly messageRequestResponse?: MessageRequestResponse;
  /** Legacy; still produced inside the protobuf config wrapper. */
  readonly sharedConfigMessage?: SharedConfigMessage;
  readonly expirationType?: number;
  /** Seconds. */
  readonly expirationTimer?: number;
  /** Legacy. */
  readonly lastDisappearingMessageChangeTimestamp?: number;
  /** Must equal the envelope timestamp (ms). */
  readonly sigTimestamp?: number;
  readonly proMessage?: ProMessage;
  readonly proSigForCommunityMessageOnly?: Uint8Array;
}

export interface DataMessage {
  readonly body?: string;
  readonly attachments?: readonly AttachmentPointer[];
  readonly flags?: number;
  /** Legacy: old clients only. */
  readonly expireTimer?: number;
  readonly profileKey?: Uint8Array;
  /** Legacy. */
  readonly timestamp?: number;
  readonly quote?: Quote;
  readonly preview?: readonly Preview[];
  readonly reaction?: Reaction;
  readonly profile?: LokiProfile;
  /** `openGroupInvitation` in libsession's proto. */
  readonly communityInvitation?: CommunityInvitation;
  /** Legacy closed groups. */
  readonly closedGroupControlMessage?: ClosedGroupControlMessage;
  readonly syncTarget?: string;
  readonly blocksCommunityMessageRequests?: boolean;
  readonly groupUpdateMessage?: GroupUpdateMessage;
}

export interface Quote {
  /** Sent timestamp of the quoted message. */
  readonly id: number;
  readonly author: string;
}

export interface Preview {
  readonly url: string;
  readonly title?: string;
  readonly image?: AttachmentPointer;
}

export interface Reaction {
  /** Sent timestamp of the target message. */
  readonly id: number;
  readonly author: string;
  readonly emoji?: string;
  readonly action: number;
}

export interface CommunityInvitation {
  readonly url: string;
  readonly name: string;
}

export interface LokiProfile {
  readonly displayName?: string;
  readonly profilePicture?: string;
  readonly lastProfileUpdateSeconds?: number;
}

export interface AttachmentPointer {
  /** fixed64 numeric file id (0 when the URL's id is not numeric). */
  readonly id: number;
  readonly contentType?: string;
  readonly key?: Uint8Array;
  readonly size?: number;
  readonly digest?: Uint8Array;
  readonly fileName?: string;
  readonly flags?: number;
  readonly width?: number;
  readonly height?: number;
  readonly caption?: string;
  readonly url?: string;
}

export interface ReceiptMessage {
  readonly type: number;
  readonly timestamp?: readonly number[];
}

export interface TypingMessage {
  readonly timestamp: number;
  readonly action: number;
}

export interface UnsendRequest {
  readonly timestamp: number;
  readonly author: string;
}

export interface MessageRequestResponse {
  readonly isApproved: boolean;
  readonly profileKey?: Uint8Array;
  readonly profile?: LokiProfile;
}

export interface DataExtractionNotification {
  readonly type: number;
  readonly timestamp?: number;
}

export interface CallMessage {
  readonly type: number;
  readonly sdps?: readonly string[];
  readonly sdpMLineIndexes?: readonly number[];
  readonly sdpMids?: readonly string[];
  readonly uuid: string;
}

export interface SharedConfigMessage {
  readonly kind: number;
  readonly seqno: number;
  readonly data: Uint8Array;
}

export interface KeyPair {
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

export interface ConfigurationMessage {
  readonly closedGroups?: readonly ConfigurationClosedGroup[];
  readonly openGroups?: readonly string[];
  readonly displayName?: string;
  readonly profilePicture?: string;
  readonly profileKey?: Uint8Array;
  readonly contacts?: readonly ConfigurationContact[];
}

export interface ConfigurationClosedGroup {
  readonly publicKey?: Uint8Array;
  readonly name?: string;
  readonly encryptionKeyPair?: KeyPair;
  readonly members?: readonly Uint8Array[];
  readonly admins?: readonly Uint8Array[];
  readonly expirationTimer?: number;
}

export interface ConfigurationContact {
  readonly publicKey: Uint8Array;
  readonly name: string;
  readonly profilePicture?: string;
  readonly profileKey?: Uint8Array;
  readonly isApproved?: boolean;
  readonly isBlocked?: boolean;
  readonly didApproveMe?: boolean;
}

export interface ClosedGroupControlMessage {
  readonly type: number;
  readonly publicKey?: Uint8Array;
  readonly name?: string;
  readonly encryptionKeyPair?: KeyPair;
  readonly members?: readonly Uint8Array[];
  readonly admins?: readonly Uint8Array[];
  readonly wrappers?: readonly { readonly publicKey: Uint8Array; readonly encryptedKeyPair: Uint8Array }[];
  readonly expirationTimer?: number;
}

export interface GroupUpdateMessage {
  readonly inviteMessage?: GroupUpdateInviteMessage;
  readonly infoChangeMessage?: GroupUpdateInfoChangeMessage;
  readonly memberChangeMessage?: GroupUpdateMemberChangeMessage;
  readonly promoteMessage?: GroupUpdatePromoteMessage;
  readonly memberLeftMessage?: Readonly<Record<string, never>>;
  readonly inviteResponse?: GroupUpdateInviteResponseMessage;
  readonly deleteMemberContent?: GroupUpdateDeleteMemberContentMessage;
  readonly memberLeftNotificationMessage?: Readonly<Record<string, never>>;
}

export interface GroupUpdateInviteMessage {
  /** `03…` group id. */
  readonly groupSessionId: string;
  readonly name: string;
  readonly memberAuthData: Uint8Array;
  readonly adminSignature: Uint8Array;
}

export interface GroupUpdatePromoteMessage {
  readonly groupIdentitySeed: Uint8Array;
  readonly name: string;
}

export interface GroupUpdateInfoChangeMessage {
  readonly type: number;
  readonly updatedName?: string;
  readonly updatedExpiration?: number;
  readonly adminSignature: Uint8Array;
}

export interface GroupUpdateMemberChangeMessage {
  readonly type: number;
  readonly memberSessionIds?: readonly string[];
  readonly historyShared?: boolean;
  readonly adminSignature: Uint8Array;
}

export interface GroupUpdateInviteResponseMessage {
  readonly isApproved: boolean;
}

export interface GroupUpdateDeleteMemberContentMessage {
  readonly memberSessionIds?: readonly string[];
  readonly messageHashes?: readonly string[];
  readonly adminSignature?: Uint8Array;
}

/** Session Pro (schema still in flux upstream; desktop's form). */
export interface ProMessage {
  readonly proof?: ProProof;
  readonly profileBitset?: bigint;
  readonly messageBitset?: bigint;
}

export interface ProProof {
  readonly version?: number;
  readonly genIndexHash?: Uint8Array;
  readonly rotatingPublicKey?: Uint8Array;
  readonly expireAtMs?: number;
  readonly sig?: Uint8Array;
}
