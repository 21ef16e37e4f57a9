// Values derived from a workspace's secret or id for the LAN: the discovery tag that mDNS
// adverts carry, and the workspace-id hash peers compare in their handshake hello. Each is a
// one-way function with its own label, so none reveals the secret or anything else derived.
import { createHash, hkdfSync } from 'node:crypto';
import { encodeBase32 } from '../../../shared/lan/base32';

const TAG_BYTES = 10;

/**
 * A short tag (16 lower-case base32 characters, 80 bits) that tells a peer browsing mDNS which
 * adverts are for its workspace. HKDF-SHA256 of the secret under a fixed label: without the
 * secret it cannot be linked to the secret, the psk or the workspace id. It is stable for the
 * secret's life (rotating the secret changes it), so it is a hint, never proof of identity.
 */
export function discoveryTag(secret: Uint8Array): string {
  if (secret.length !== 32) throw new RangeError('workspace secret must be 32 bytes');
  const okm = hkdfSync('sha256', secret, 'tandem/lan/discovery-tag', 'v1', TAG_BYTES);
  return encodeBase32(new Uint8Array(okm)).toLowerCase();
}

/** SHA-256 of the workspace id under a label, hex: carried in the encrypted hello so peers can tell they hold the same workspace. */
export function workspaceIdHash(workspaceId: string): string {
  return createHash('sha256').update('tandem/lan/workspace-id/v1\0').update(workspaceId).digest('hex');
}
