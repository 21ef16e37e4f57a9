// The two ways the renderer reaches its local peer: a MessagePort handed over by the
// Electron preload, or a WebSocket to the hub on 127.0.0.1 guarded by the launch token.
import { WINDOW_LINK_PORT_MESSAGE, type TandemBridge } from '../../../shared/api/bridge';

export interface ClientTransport {
  send(frame: Uint8Array): void;
  close(): void;
  onMessage: ((frame: Uint8Array) => void) | null;
  onClose: ((reason: string) => void) | null;
}

/** Opens a transport, or rejects with a reason when the peer cannot be reached. */
export type TransportFactory = () => Promise<ClientTransport>;

export function webSocketTransport(url: string): TransportFactory {
  return () =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      let opened = false;
      const transport: ClientTransport = {
        send: (frame) => ws.send(frame as Uint8Array<ArrayBuffer>),
        close: () => ws.close(),
        onMessage: null,
        onClose: null,
      };
      ws.onopen = () => {
        opened = true;
        resolve(transport);
      };
      ws.onmessage = (event) => {
        if (event.data instanceof ArrayBuffer) transport.onMessage?.(new Uint8Array(event.data));
      };
      ws.onclose = (event) => {
        if (!opened) reject(new Error(`closed ${event.code}`));
        else transport.onClose?.(event.reason || String(event.code));
      };
    });
}

/**
 * Links to the peer through MessagePorts the Electron shell hands over. The shell also
 * pushes a fresh port by itself after it restarts a crashed peer: any new port replaces the
 * current link, whose transport then reports itself closed so the client reconnects on it.
 */
export function electronPortTransport(bridge: TandemBridge): TransportFactory {
  let waiting: MessagePort | null = null;
  let current: ClientTransport | null = null;
  let onPort: ((port: MessagePort) => void) | null = null;

  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window || event.data !== WINDOW_LINK_PORT_MESSAGE || !event.ports[0]) return;
    const port = event.ports[0];
    if (onPort) return onPort(port);
    waiting?.close();
    waiting = port;
    const stale = current;
    current = null;
    stale?.onClose?.('replaced by a new port');
  });

  function wrap(port: MessagePort): ClientTransport {
    const transport: ClientTransport = {
      send: (frame) => port.postMessage(frame),
      close: () => port.close(),
      onMessage: null,
      onClose: null,
    };
    port.onmessage = (e) => {
      if (e.data instanceof Uint8Array) transport.onMessage?.(e.data);
    };
    port.addEventListener('close', () => {
      if (current === transport) current = null;
      transport.onClose?.('port closed');
    });
    port.start();
    current = transport;
    return transport;
  }

  return () => {
    if (waiting) {
      const port = waiting;
      waiting = null;
      return Promise.resolve(wrap(port));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        onPort = null;
        reject(new Error('no port from the shell'));
      }, 5_000);
      onPort = (port) => {
        clearTimeout(timer);
        onPort = null;
        resolve(wrap(port));
      };
      void bridge.invoke('tandem:request-link').then((result) => {
        if (!result.ok && onPort) {
          clearTimeout(timer);
          onPort = null;
          reject(new Error(result.error.message));
        }
      });
    });
  };
}
