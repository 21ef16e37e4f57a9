// A stand-in for Electron's `utilityProcess` that forks a REAL Node process (so a test can kill
// the peer for real) with `utility-parent-port.cjs` playing Electron's parentPort inside it.
// MessagePorts handed to the child (Node's own, from `MessageChannel`) are relayed over IPC.
// The child also gets the hermetic LAN flags every test hub gets: loopback only, no mDNS.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { PeerChildLike, UtilityProcessModule } from '../../electron/main/electron-api';
import { HERMETIC_LAN_ARGS } from '../support/hub';

const SHIM = fileURLToPath(new URL('./utility-parent-port.cjs', import.meta.url));

type RelayMessage = { kind: 'parent'; data: unknown } | { kind: 'port'; id: number; data: unknown } | { kind: 'port-close'; id: number };

export class RealUtilityChild extends EventEmitter implements PeerChildLike {
  readonly stdout;
  readonly stderr;
  private readonly ports = new Map<number, MessagePort>();
  private nextPortId = 1;
  exited = false;

  constructor(readonly process: ChildProcess, readonly args: string[]) {
    super();
    this.stdout = process.stdout;
    this.stderr = process.stderr;
    process.on('message', (message: RelayMessage) => this.receive(message));
    process.on('exit', (code) => {
      this.exited = true;
      // The windows' ends of the ports see their peer go, as with a real utility process.
      for (const port of this.ports.values()) port.close();
      this.ports.clear();
      this.emit('exit', code ?? -1);
    });
  }

  get pid(): number {
    return this.process.pid ?? 0;
  }

  postMessage(message: unknown, transfer: unknown[] = []): void {
    if (this.exited) throw new Error('The utility process has exited');
    const ids = (transfer as MessagePort[]).map((port) => {
      const id = this.nextPortId++;
      this.ports.set(id, port);
      port.on('message', (data: unknown) => this.send({ kind: 'port', id, data }));
      port.on('close', () => {
        if (this.ports.delete(id)) this.send({ kind: 'port-close', id });
      });
      return id;
    });
    this.send({ kind: 'parent', data: message, ports: ids } as RelayMessage);
  }

  kill(): boolean {
    return this.process.kill();
  }

  private send(message: RelayMessage | (RelayMessage & { ports: number[] })): void {
    if (this.process.connected) this.process.send(message);
  }

  private receive(message: RelayMessage): void {
    if (message.kind === 'parent') this.emit('message', message.data);
    else if (message.kind === 'port') this.ports.get(message.id)?.postMessage(message.data);
    else {
      const port = this.ports.get(message.id);
      this.ports.delete(message.id);
      port?.close();
    }
  }
}

export function createRealUtilityProcess(): UtilityProcessModule & { children: RealUtilityChild[] } {
  const children: RealUtilityChild[] = [];
  return {
    children,
    fork(modulePath, args) {
      const child = fork(modulePath, [...args, ...HERMETIC_LAN_ARGS], {
        execArgv: ['--require', SHIM],
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'advanced', // frames stay Uint8Arrays
      });
      const wrapped = new RealUtilityChild(child, args);
      children.push(wrapped);
      return wrapped;
    },
  };
}
