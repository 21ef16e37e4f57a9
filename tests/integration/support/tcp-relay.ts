// A TCP relay a test puts between two peers: it records every byte both ways (to check that
// nothing readable crosses the LAN), can throttle (to kill a peer mid-sync), and can cut the
// link and refuse new connections (a partition) until healed.
import net from 'node:net';

export interface TcpRelay {
  readonly port: number;
  readonly address: string;
  /** Every byte relayed, both directions, in arrival order. */
  captured(): Buffer;
  /** Bytes relayed so far, both directions. */
  readonly bytes: number;
  /** Drops every relayed connection and refuses new ones until `heal`. */
  cut(): void;
  heal(): void;
  /** Bytes per second each direction may carry from now on; null lifts the limit. */
  setRate(bytesPerSecond: number | null): void;
  close(): Promise<void>;
}

export async function startRelay(targetPort: number, options: { bytesPerSecond?: number } = {}): Promise<TcpRelay> {
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  let bytes = 0;
  let cut = false;
  let rate = options.bytesPerSecond ?? null;

  const pipe = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      bytes += chunk.length;
      to.write(chunk);
      if (rate) {
        from.pause();
        setTimeout(() => from.resume(), Math.ceil((chunk.length / rate) * 1_000));
      }
    });
    from.on('end', () => to.end());
    from.on('close', () => to.destroy());
    from.on('error', () => to.destroy());
  };

  const server = net.createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.once('close', () => sockets.delete(socket));
    }
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    address: `127.0.0.1:${port}`,
    captured: () => Buffer.concat(chunks),
    get bytes() {
      return bytes;
    },
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    heal() {
      cut = false;
    },
    setRate(bytesPerSecond) {
      rate = bytesPerSecond;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on right now, for a peer's fixed LAN port across restarts. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
