/**
 * Session's protobuf schema (proto2, package SessionProtos), spec session-client.md §4, written
 * from the field tables there and checked against session-desktop `protos/SignalService.proto`
 * and libsession-util `proto/SessionProtos.proto` + `proto/WebSocketResources.proto`.
 *
 * Fields the current desktop proto marks reserved but that old clients (or the legacy config
 * wrapper) may still send are kept so they decode: Envelope.sourceDevice (7, libsession still
 * sets it) and serverTimestamp (10); Content.configurationMessage (7), sharedConfigMessage (11),
 * lastDisappearingMessageChangeTimestamp (14); DataMessage.expireTimer (5), timestamp (7),
 * closedGroupControlMessage (104). Reserved fields with no use left (DataMessage.group 3,
 * Quote.text 3 / attachments 4, AttachmentPointer.thumbnail 5) are left out and skipped as
 * unknown fields. Names follow current desktop where the two protos differ (communityInvitation,
 * lastProfileUpdateSeconds, ProProof), libsession otherwise (WebSocketRequestMessage.requestId,
 * AttachmentPointer.id, WebSocketResponseMessage).
 *
 * Parsed once at module load; the Root is never mutated afterwards.
 */
import protobuf from 'protobufjs';

const PROTO = `
syntax = "proto2";
package SessionProtos;

message Envelope {
  enum Type { SESSION_MESSAGE = 6; CLOSED_GROUP_MESSAGE = 7; }
  required Type   type            = 1;
  optional string source          = 2;
  required uint64 timestamp       = 5;
  optional uint32 sourceDevice    = 7;
  optional bytes  content         = 8;
  optional uint64 serverTimestamp = 10;
  optional bytes  proSig          = 11;
}

message WebSocketRequestMessage {
  optional string verb      = 1;
  optional string path      = 2;
  optional bytes  body      = 3;
  optional uint64 requestId = 4;
  repeated string headers   = 5;
}

message WebSocketResponseMessage {
  optional uint64 requestId = 1;
  optional uint32 status    = 2;
  optional string message   = 3;
  optional bytes  body      = 4;
  repeated string headers   = 5;
}

message WebSocketMessage {
  enum Type { UNKNOWN = 0; REQUEST = 1; RESPONSE = 2; }
  optional Type                     type     = 1;
  optional WebSocketRequestMessage  request  = 2;
  optional WebSocketResponseMessage response = 3;
}

message TypingMessage {
  enum Action { STARTED = 0; STOPPED = 1; }
  required uint64 timestamp = 1;
  required Action action    = 2;
}

message UnsendRequest {
  required uint64 timestamp = 1;
  required string author    = 2;
}

message MessageRequestResponse {
  required bool        isApproved = 1;
  optional bytes       profileKey = 2;
  optional LokiProfile profile    = 3;
}

message Content {
  enum ExpirationType { UNKNOWN = 0; DELETE_AFTER_READ = 1; DELETE_AFTER_SEND = 2; }
  optional DataMessage                dataMessage                            = 1;
  optional CallMessage                callMessage                            = 3;
  optional ReceiptMessage             receiptMessage                         = 5;
  optional TypingMessage              typingMessage                          = 6;
  optional ConfigurationMessage       configurationMessage                   = 7;
  optional DataExtractionNotification dataExtractionNotification             = 8;
  optional UnsendRequest              unsendRequest                          = 9;
  optional MessageRequestResponse     messageRequestResponse                 = 10;
  optional SharedConfigMessage        sharedConfigMessage                    = 11;
  optional ExpirationType             expirationType                         = 12;
  optional uint32                     expirationTimer                        = 13;
  optional uint64                     lastDisappearingMessageChangeTimestamp = 14;
  optional uint64                     sigTimestamp                           = 15;
  optional ProMessage                 proMessage                             = 16;
  optional bytes                      proSigForCommunityMessageOnly          = 17;
}

message CallMessage {
  enum Type {
    OFFER = 1; ANSWER = 2; PROVISIONAL_ANSWER = 3; ICE_CANDIDATES = 4; END_CALL = 5; PRE_OFFER = 6;
  }
  required Type   type            = 1;
  repeated string sdps            = 2;
  repeated uint32 sdpMLineIndexes = 3;
  repeated string sdpMids         = 4;
  required string uuid            = 5;
}

message KeyPair {
  required bytes publicKey  = 1;
  required bytes privateKey = 2;
}

message DataExtractionNotification {
  enum Type { SCREENSHOT = 1; MEDIA_SAVED = 2; }
  required Type   type      = 1;
  optional uint64 timestamp = 2;
}

message LokiProfile {
  optional string displayName              = 1;
  optional string profilePicture           = 2;
  optional uint64 lastProfileUpdateSeconds = 3;
}

message DataMessage {
  enum Flags { EXPIRATION_TIMER_UPDATE = 2; }

  message Quote {
    required uint64 id     = 1;
    required string author = 2;
  }

  message Preview {
    required string            url   = 1;
    optional string            title = 2;
    optional AttachmentPointer image = 3;
  }

  message Reaction {
    enum Action { REACT = 0; REMOVE = 1; }
    required uint64 id     = 1;
    required string author = 2;
    optional string emoji  = 3;
    required Action action = 4;
  }

  message CommunityInvitation {
    required string url  = 1;
    required string name = 3;
  }

  message ClosedGroupControlMessage {
    enum Type {
      NEW = 1; ENCRYPTION_KEY_PAIR = 3; NAME_CHANGE = 4; MEMBERS_ADDED = 5; MEMBERS_REMOVED = 6;
      MEMBER_LEFT = 7; ENCRYPTION_KEY_PAIR_REQUEST = 8;
    }
    message KeyPairWrapper {
      required bytes publicKey        = 1;
      required bytes encryptedKeyPair = 2;
    }
    required Type           type              = 1;
    optional bytes          publicKey         = 2;
    optional string         name              = 3;
    optional KeyPair        encryptionKeyPair = 4;
    repeated bytes          members           = 5;
    repeated bytes          admins            = 6;
    repeated KeyPairWrapper wrappers          = 7;
    optional uint32         expirationTimer   = 8;
  }

  optional string                    body                           = 1;
  repeated AttachmentPointer         attachments                    = 2;
  optional uint32                    flags                          = 4;
  optional uint32                    expireTimer                    = 5;
  optional bytes                     profileKey                     = 6;
  optional uint64                    timestamp                      = 7;
  optional Quote                     quote                          = 8;
  repeated Preview                   preview                        = 10;
  optional Reaction                  reaction                       = 11;
  optional LokiProfile               profile                        = 101;
  optional CommunityInvitation       communityInvitation            = 102;
  optional ClosedGroupControlMessage closedGroupControlMessage      = 104;
  optional string                    syncTarget                     = 105;
  optional bool                      blocksCommunityMessageRequests = 106;
  optional GroupUpdateMessage        groupUpdateMessage             = 120;
}

message ConfigurationMessage {
  message ClosedGroup {
    optional bytes   publicKey         = 1;
    optional string  name              = 2;
    optional KeyPair encryptionKeyPair = 3;
    repeated bytes   members           = 4;
    repeated bytes   admins            = 5;
    optional uint32  expirationTimer   = 6;
  }
  message Contact {
    required bytes  publicKey      = 1;
    required string name           = 2;
    optional string profilePicture = 3;
    optional bytes  profileKey     = 4;
    optional bool   isApproved     = 5;
    optional bool   isBlocked      = 6;
    optional bool   didApproveMe   = 7;
  }
  repeated ClosedGroup closedGroups   = 1;
  repeated string      openGroups     = 2;
  optional string      displayName    = 3;
  optional string      profilePicture = 4;
  optional bytes       profileKey     = 5;
  repeated Contact     contacts       = 6;
}

message ReceiptMessage {
  enum Type { DELIVERY = 0; READ = 1; }
  required Type   type      = 1;
  repeated uint64 timestamp = 2;
}

message AttachmentPointer {
  enum Flags { VOICE_MESSAGE = 1; }
  required fixed64 id          = 1;
  optional string  contentType = 2;
  optional bytes   key         = 3;
  optional uint32  size        = 4;
  optional bytes   digest      = 6;
  optional string  fileName    = 7;
  optional uint32  flags       = 8;
  optional uint32  width       = 9;
  optional uint32  height      = 10;
  optional string  caption     = 11;
  optional string  url         = 101;
}

message SharedConfigMessage {
  enum Kind { USER_PROFILE = 1; CONTACTS = 2; CONVO_INFO_VOLATILE = 3; USER_GROUPS = 4; }
  required Kind  kind  = 1;
  required int64 seqno = 2;
  required bytes data  = 3;
}

message GroupUpdateMessage {
  optional GroupUpdateInviteMessage                 inviteMessage                 = 1;
  optional GroupUpdateInfoChangeMessage             infoChangeMessage             = 2;
  optional GroupUpdateMemberChangeMessage           memberChangeMessage           = 3;
  optional GroupUpdatePromoteMessage                promoteMessage                = 4;
  optional GroupUpdateMemberLeftMessage             memberLeftMessage             = 5;
  optional GroupUpdateInviteResponseMessage         inviteResponse                = 6;
  optional GroupUpdateDeleteMemberContentMessage    deleteMemberContent           = 7;
  optional GroupUpdateMemberLeftNotificationMessage memberLeftNotificationMessage = 8;
}

message GroupUpdateInviteMessage {
  required string groupSessionId = 1;
  required string name           = 2;
  required bytes  memberAuthData = 3;
  required bytes  adminSignature = 4;
}

message GroupUpdatePromoteMessage {
  required bytes  groupIdentitySeed = 1;
  required string name              = 2;
}

message GroupUpdateInfoChangeMessage {
  enum Type { NAME = 1; AVATAR = 2; DISAPPEARING_MESSAGES = 3; }
  required Type   type              = 1;
  optional string updatedName       = 2;
  optional uint32 updatedExpiration = 3;
  required bytes  adminSignature    = 4;
}

message GroupUpdateMemberChangeMessage {
  enum Type { ADDED = 1; REMOVED = 2; PROMOTED = 3; }
  required Type   type             = 1;
  repeated string memberSessionIds = 2;
  optional bool   historyShared    = 3;
  required bytes  adminSignature   = 4;
}

message GroupUpdateMemberLeftMessage {}

message GroupUpdateMemberLeftNotificationMessage {}

message GroupUpdateInviteResponseMessage {
  required bool isApproved = 1;
}

message GroupUpdateDeleteMemberContentMessage {
  repeated string memberSessionIds = 1;
  repeated string messageHashes    = 2;
  optional bytes  adminSignature   = 3;
}

message ProProof {
  optional uint32 version           = 1;
  optional bytes  genIndexHash      = 2;
  optional bytes  rotatingPublicKey = 3;
  optional uint64 expireAtMs        = 4;
  optional bytes  sig               = 5;
}

message ProMessage {
  optional ProProof proof         = 1;
  optional uint64   profileBitset = 2;
  optional uint64   messageBitset = 3;
}
`;

/** The parsed schema. Look types up with `sessionProtoType`. */
export const sessionProtosRoot: protobuf.Root = protobuf.parse(PROTO, { keepCase: true }).root;
sessionProtosRoot.resolveAll();

/** Top-level message names of the schema (nested ones are reached through their parents). */
export type SessionProtoName =
  | 'Envelope'
  | 'WebSocketRequestMessage'
  | 'WebSocketResponseMessage'
  | 'WebSocketMessage'
  | 'Content'
  | 'DataMessage'
  | 'AttachmentPointer'
  | 'LokiProfile'
  | 'CallMessage'
  | 'ReceiptMessage'
  | 'TypingMessage'
  | 'UnsendRequest'
  | 'MessageRequestResponse'
  | 'DataExtractionNotification'
  | 'SharedConfigMessage'
  | 'ConfigurationMessage'
  | 'KeyPair'
  | 'GroupUpdateMessage'
  | 'ProMessage'
  | 'ProProof';

export function sessionProtoType(name: SessionProtoName): protobuf.Type {
  return sessionProtosRoot.lookupType(`SessionProtos.${name}`);
}
