// Everything a peer derives from the workspace secret to use a relay: the token it shows the
// relay, the key that seals blobs, and the envelope doc name of each Tandem doc. Each is HKDF
// (or HMAC) under its own label, so none reveals the secret or another; rotating the secret
// rotates all of them.
import { createHmac, hkdfSync } from 'node:crypto';
import { relayNamespace } from '../../../shared/relay/relay-names';

export interface RelayKeys {
  /** Shown to the relay's auth hook; opens this workspace's namespace and nothing else. */
  readonly token: string;
  /** AES-256-GCM key for sealed blobs. */
  readonly sealKey: Uint8Array;
  /** The relay's name for a Tandem doc: no board id, no workspace id in it. */
  envelopeName(docId: string): string;
  /** Where a peer's acknowledgements go in an envelope: a keyed hash, so the relay cannot tell whose they are. */
  ackSlot(peerId: string): string;
}

const derive = (secret: Uint8Array, label: string, bytes = 32): Uint8Array => new Uint8Array(hkdfSync('sha256', secret, 'tandem/relay', label, bytes));

export function relayKeys(secret: Uint8Array): RelayKeys {
  if (secret.length !== 32) throw new RangeError('workspace secret must be 32 bytes');
  const token = Buffer.from(derive(secret, 'token/v1')).toString('base64url');
  const namespace = relayNamespace(token);
  const nameKey = derive(secret, 'doc-name/v1');
  return {
    token,
    sealKey: derive(secret, 'seal/v1'),
    envelopeName: (docId) => `${namespace}.${createHmac('sha256', nameKey).update(docId).digest('hex').slice(0, 40)}`,
    ackSlot: (peerId) => createHmac('sha256', nameKey).update(`ack\0${peerId}`).digest('base64url').slice(0, 22),
  };
}
