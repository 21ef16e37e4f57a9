// What the peer needs of a connection to a renderer, whatever carries it: a WebSocket in
// browser mode, a MessagePort in Electron, an in-memory pair in tests.

export interface LinkTransport {
  send(frame: Uint8Array): void;
  /**
   * Resolves once what was sent has left this process (or after `maxMs`, or at once for a
   * transport that hands frames over whole, like a MessagePort).
   */
  whenSent?(maxMs: number): Promise<void>;
  close(reason: string): void;
  onMessage(listener: (frame: Uint8Array) => void): void;
  onClose(listener: () => void): void;
}

/** Coerces what a transport delivered into bytes, or null for anything else. */
export function asBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data) && data.every((d) => d instanceof Uint8Array)) {
    const total = data.reduce((n: number, d: Uint8Array) => n + d.byteLength, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const d of data as Uint8Array[]) {
      out.set(d, offset);
      offset += d.byteLength;
    }
    return out;
  }
  return null;
}
