// A TCP relay between two peers that counts what crosses the wire: bytes each way (dialler →
// listener and back), when the first connection came in, and when the first bytes went each
// way, so a row can put "connect" on its clock and split the handshake from the sync.
import net from 'node:net';

export interface WireCount {
  /** Bytes from the peer that dialled to the one listening. */
  readonly toListener: number;
  /** Bytes from the listening peer back to the dialler. */
  readonly toDialler: number;
  /** `performance.now()` of the first connection accepted, or null. */
  readonly connectedAt: number | null;
  /** `performance.now()` of the listener's first bytes (its handshake reply), or null. */
  readonly firstReplyAt: number | null;
  readonly connections: number;
}

export interface WireMeter {
  /** `127.0.0.1:port` to give the dialling peer. */
  readonly address: string;
  count(): WireCount;
  /** Every byte that crossed, both ways, when started with `record` (tests search it for plaintext). */
  recorded(): Buffer;
  /** Zeroes the counts (between runs on the same relay). */
  reset(): void;
  /** Drops every connection and refuses new ones until `heal`. */
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

export async function startWireMeter(targetPort: number, options: { record?: boolean } = {}): Promise<WireMeter> {
  const sockets = new Set<net.Socket>();
  const record: Buffer[] = [];
  let counts = { toListener: 0, toDialler: 0, connectedAt: null as number | null, firstReplyAt: null as number | null, connections: 0 };
  let cut = false;
  const server = net.createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    counts.connections++;
    counts.connectedAt ??= performance.now();
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.once('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk: Buffer) => {
      counts.toListener += chunk.length;
      if (options.record) record.push(chunk);
      if (!upstream.write(chunk)) client.pause();
    });
    upstream.on('drain', () => client.resume());
    upstream.on('data', (chunk: Buffer) => {
      counts.toDialler += chunk.length;
      if (options.record) record.push(chunk);
      counts.firstReplyAt ??= performance.now();
      if (!client.write(chunk)) upstream.pause();
    });
    client.on('drain', () => upstream.resume());
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    address: `127.0.0.1:${port}`,
    count: () => ({ ...counts }),
    recorded: () => Buffer.concat(record),
    reset() {
      counts = { toListener: 0, toDialler: 0, connectedAt: null, firstReplyAt: null, connections: 0 };
    },
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    heal() {
      cut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
