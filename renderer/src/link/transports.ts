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

/** Asks the Electron shell for a MessagePort to the peer (the preload posts it to the window). */
export function electronPortTransport(bridge: TandemBridge): TransportFactory {
  return () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        window.removeEventListener('message', onWindowMessage);
        reject(new Error('no port from the shell'));
      }, 5_000);
      function onWindowMessage(event: MessageEvent) {
        if (event.source !== window || event.data !== WINDOW_LINK_PORT_MESSAGE || !event.ports[0]) return;
        clearTimeout(timer);
        window.removeEventListener('message', onWindowMessage);
        const port = event.ports[0];
        const transport: ClientTransport = {
          send: (frame) => port.postMessage(frame),
          close: () => port.close(),
          onMessage: null,
          onClose: null,
        };
        port.onmessage = (e) => {
          if (e.data instanceof Uint8Array) transport.onMessage?.(e.data);
        };
        // A MessagePort has no reliable close event everywhere; the shell re-sends a port after a peer restart.
        port.addEventListener('close', () => transport.onClose?.('port closed'));
        port.start();
        resolve(transport);
      }
      window.addEventListener('message', onWindowMessage);
      void bridge.invoke('tandem:request-link').then((result) => {
        if (!result.ok) {
          clearTimeout(timer);
          window.removeEventListener('message', onWindowMessage);
          reject(new Error(result.error.message));
        }
      });
    });
}
