/**
 * Branded types for identifiers and keys: a wrong key in a call is a compile error. Values get
 * their brand only from the parsing/derivation functions that check them.
 */
declare const brand: unique symbol;
/** A second brand key for sub-kinds of a branded type: Brand<SessionId, ...> would reduce to never. */
declare const subBrand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** 32-byte Ed25519 public key. */
export type Ed25519PublicKey = Brand<Uint8Array, 'Ed25519PublicKey'>;
/** 64-byte Ed25519 secret key (seed || public key). */
export type Ed25519SecretKey = Brand<Uint8Array, 'Ed25519SecretKey'>;
/** 32-byte X25519 public key. */
export type X25519PublicKey = Brand<Uint8Array, 'X25519PublicKey'>;
/** 32-byte X25519 secret key. */
export type X25519SecretKey = Brand<Uint8Array, 'X25519SecretKey'>;
/** 32-byte account seed (16-byte seeds are right-padded with zeros). */
export type Seed = Brand<Uint8Array, 'Seed'>;

/** A 66-hex-char Session ID with a known prefix (05, 03, 15, 25, 00). Lowercase. */
export type SessionId = Brand<string, 'SessionId'>;
/** A `05…` standard account id. */
export type UserSessionId = SessionId & { readonly [subBrand]: 'UserSessionId' };
/** A `15…` or `25…` community-blinded id. */
export type BlindedId = SessionId & { readonly [subBrand]: 'BlindedId' };
