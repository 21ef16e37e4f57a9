// Blobs on the local link, renderer to peer and back, in memory: a backup several chunks long
// arrives byte for byte either way with progress, a blob that did not fully arrive is refused
// rather than guessed at, and the peer's refusals reach the renderer with their message keys.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { BLOB_LIMITS, type Hello } from '../../shared/api/link';
import { encodeFrame, encodeJsonFrame, MessageType, readFrameHead, readJsonPayload } from '../../shared/protocol/frame';
import { BackupError } from '../../electron/peer/backup';
import { BlobReply, LinkConnection, type LinkHost } from '../../electron/peer/link-connection';
import type { PeerLogger } from '../../electron/peer/logger';
import type { LinkTransport } from '../../electron/peer/transport';
import { LinkClient, LinkRequestError } from '../../renderer/src/link/link-client';
import type { ClientTransport } from '../../renderer/src/link/transports';

const quiet: PeerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const hello: Hello = { protocol: 1, appVersion: '0.0.0-test', peerId: 'p_test', workspace: null, notices: [] };
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A peer-side host whose requests do what each test says. */
function host(handleRequest: LinkHost['handleRequest']): LinkHost {
  return { logger: quiet, hello: () => hello, openDoc: async () => new Y.Doc(), holdsWorkspace: () => false, savedStateVector: async () => new Uint8Array([0]), handleRequest, onDidProtocolError: () => undefined };
}

/** A LinkClient wired to a LinkConnection in memory, online once the peer's hello arrives. */
async function linked(peerHost: LinkHost): Promise<LinkClient> {
  const client = new LinkClient(
    async () => {
      const listeners: ((frame: Uint8Array) => void)[] = [];
      const clientSide: ClientTransport = { send: (frame) => queueMicrotask(() => listeners.forEach((l) => l(frame.slice()))), close: () => undefined, onMessage: null, onClose: null };
      const peerSide: LinkTransport = { send: (frame) => queueMicrotask(() => clientSide.onMessage?.(frame.slice())), close: () => undefined, onMessage: (l) => listeners.push(l), onClose: () => undefined };
      // The connection greets at once: make it after the client listens.
      setTimeout(() => new LinkConnection(peerHost, peerSide, 'test'), 0);
      return clientSide;
    },
    { onDidChangeStatus: () => undefined, onDidHello: () => undefined, onDidNotice: () => undefined, onDidSave: () => undefined },
  );
  client.start();
  await expect.poll(() => client.status).toBe('online');
  return client;
}

describe('blobs on the local link', () => {
  it('carry a backup several chunks long to the peer and back, byte for byte, with progress', async () => {
    const backup = new Uint8Array(randomBytes(Math.floor(BLOB_LIMITS.chunkBytes * 2.5)));
    let received: Uint8Array | undefined;
    const client = await linked(
      host(async (op, _args, blob) => {
        if (op === 'restore-backup') {
          received = blob;
          return { size: blob?.byteLength };
        }
        return new BlobReply({ workspaceName: 'Growth squad' }, backup);
      }),
    );
    const progress: number[] = [];
    const value = await client.requestWithBlob<{ size: number }>('restore-backup', { mode: 'inspect' }, backup, (sent, total) => progress.push(sent / total));
    expect(value.size).toBe(backup.byteLength);
    expect(sha(received as Uint8Array)).toBe(sha(backup));
    expect(progress).toEqual([BLOB_LIMITS.chunkBytes / backup.byteLength, (2 * BLOB_LIMITS.chunkBytes) / backup.byteLength, 1]);

    const { value: answer, bytes } = await client.requestBlob<{ blob: { id: number; size: number }; workspaceName: string }>('create-backup', {});
    expect(answer.workspaceName).toBe('Growth squad');
    expect(sha(bytes)).toBe(sha(backup));
    client.stop();
  });

  it('answers a request whose blob did not fully arrive with a refusal, without calling the peer', async () => {
    let calls = 0;
    const responses: unknown[] = [];
    const listeners: ((frame: Uint8Array) => void)[] = [];
    const peerSide: LinkTransport = {
      send: (frame) => {
        const { type, decoder } = readFrameHead(frame);
        if (type === MessageType.response) responses.push(readJsonPayload(decoder));
      },
      close: () => undefined,
      onMessage: (l) => listeners.push(l),
      onClose: () => undefined,
    };
    new LinkConnection(host(async () => ++calls), peerSide, 'test');
    const send = (frame: Uint8Array) => listeners.forEach((l) => l(frame));
    send(encodeFrame('', MessageType.blobChunk, (e) => {
      encoding.writeVarUint(e, 7);
      encoding.writeVarUint8Array(e, new Uint8Array(10));
    }));
    send(encodeJsonFrame(MessageType.request, { id: 1, op: 'restore-backup', args: { mode: 'restore', blob: { id: 7, size: 11 } } }));
    send(encodeJsonFrame(MessageType.request, { id: 2, op: 'restore-backup', args: { mode: 'restore', blob: { id: 8, size: 5 } } }));
    await expect.poll(() => responses.length).toBe(2);
    expect(responses).toEqual([
      { id: 1, ok: false, error: { code: 'invalid-request', messageKey: 'errors.invalid' } },
      { id: 2, ok: false, error: { code: 'invalid-request', messageKey: 'errors.invalid' } },
    ]);
    expect(calls).toBe(0);
  });

  it('brings the peer’s refusal of a backup to the renderer with its message key and parameters', async () => {
    const client = await linked(
      host(async () => {
        throw new BackupError('too-large', 'header of 2 MB');
      }),
    );
    const error = await client.requestWithBlob('restore-backup', { mode: 'inspect' }, new Uint8Array(10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkRequestError);
    expect(error).toMatchObject({ code: 'too-large', messageKey: 'errors.backupTooLarge', params: { max: 256 } });
    client.stop();
  });
});
