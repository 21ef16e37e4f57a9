// Network namespaces a test makes itself, joined by a veth pair, so that real peer processes
// can find each other by mDNS on a "LAN" that exists only inside them (never any other
// address). Each namespace gets a test address (10.253.<random>.N/24, only inside the
// namespaces), loopback up and a multicast route; an nftables rule can drop mDNS multicast in
// one of them. Hubs run inside with `ip netns exec`; their 127.0.0.1 HTTP port is reachable
// from the test through a "portal" (a loopback listener here → a Unix socket → a forwarder
// inside the namespace → 127.0.0.1 there) on the same port number, so /healthz and the link
// client work as usual. `destroy` kills every process started here and deletes the
// namespaces, whatever happened before.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import type { DiscoveryDiagnostics } from '../../../electron/peer/lan/discovery';
import type { RunningHub } from '../../support/hub';
import { afterEach } from 'vitest';
import { LinkTestClient } from './link-test-client';
import { freePort } from './tcp-relay';

function run(args: readonly string[]): string {
  return execFileSync(args[0] as string, args.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
}

/** Why these tests cannot run here, or null when they can (root, `ip netns` works, a namespace can be made). */
export function netnsUnavailableReason(): string | null {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  const probe = `tdm-${process.pid}-probe`;
  try {
    run(['ip', 'netns', 'list']);
    run(['ip', 'netns', 'add', probe]);
  } catch (error) {
    return `\`ip netns\` is unavailable: ${String((error as { stderr?: string }).stderr || (error as Error).message).trim()}`;
  } finally {
    try {
      run(['ip', 'netns', 'del', probe]);
    } catch {
      // not made
    }
  }
  return null;
}

export interface NetnsNode {
  /** The namespace's name (`tdm-<pid>-<random>-a`). */
  readonly ns: string;
  /** The veth end inside it. */
  readonly dev: string;
  /** Its test address (no prefix). */
  readonly address: string;
}

export interface NsHub extends RunningHub {
  readonly lanPort: number;
  readonly node: NetnsNode;
}

export interface NsHubOptions {
  readonly dataDir?: string;
  readonly create?: string;
  readonly join?: string;
  readonly peers?: readonly string[];
  /** A fixed LAN port (a namespace's port space starts empty, so any is free); any free one by default. */
  readonly lanPort?: number;
}

/** Two namespaces joined by one veth pair, and every process and folder the test starts in them. */
export class NetnsLab {
  private readonly children = new Set<ChildProcess>();
  private readonly cleanups: (() => Promise<void> | void)[] = [];
  private readonly sockDir = mkdtempSync(join(tmpdir(), 'tdm-ns-'));

  private constructor(readonly nodes: readonly [NetnsNode, NetnsNode]) {}

  /** Makes the namespaces; on any failure deletes what was made and throws. */
  static create(): NetnsLab {
    sweepStaleNamespaces();
    const id = `${process.pid}-${randomBytes(2).toString('hex')}`;
    const subnet = `10.253.${randomInt(1, 255)}`;
    const nodes = (['a', 'b'] as const).map((side, i) => ({ ns: `tdm-${id}-${side}`, dev: `tdm${randomBytes(3).toString('hex')}${side}`, address: `${subnet}.${i + 1}` })) as [NetnsNode, NetnsNode];
    const lab = new NetnsLab(nodes);
    try {
      for (const node of nodes) run(['ip', 'netns', 'add', node.ns]);
      // Both ends are made inside the namespaces at once: nothing appears in this one.
      run(['ip', 'link', 'add', 'name', nodes[0].dev, 'netns', nodes[0].ns, 'type', 'veth', 'peer', 'name', nodes[1].dev, 'netns', nodes[1].ns]);
      for (const node of nodes) {
        lab.ip(node, ['link', 'set', 'lo', 'up']);
        lab.ip(node, ['addr', 'add', `${node.address}/24`, 'dev', node.dev]);
        lab.ip(node, ['link', 'set', node.dev, 'up']);
        lab.ip(node, ['route', 'add', '224.0.0.0/4', 'dev', node.dev]);
      }
    } catch (error) {
      void lab.destroy();
      throw error;
    }
    return lab;
  }

  /** Takes `node`'s test address away (the laptop is off the network; the link stays up). */
  unplug(node: NetnsNode): void {
    this.ip(node, ['addr', 'flush', 'dev', node.dev]);
  }

  /** Gives `node` its test address back (and the multicast route, if it went with the address). */
  plug(node: NetnsNode): void {
    this.ip(node, ['addr', 'add', `${node.address}/24`, 'dev', node.dev]);
    if (!this.ip(node, ['route', 'show', '224.0.0.0/4']).trim()) this.ip(node, ['route', 'add', '224.0.0.0/4', 'dev', node.dev]);
  }

  /** `ip …` run inside the namespace of `node`. */
  ip(node: NetnsNode, args: readonly string[]): string {
    return run(['ip', 'netns', 'exec', node.ns, 'ip', ...args]);
  }

  /** A command run inside the namespace of `node`. */
  exec(node: NetnsNode, args: readonly string[]): string {
    return run(['ip', 'netns', 'exec', node.ns, ...args]);
  }

  /** An nftables rule in `node`'s namespace dropping mDNS multicast (224.0.0.251) both ways, with counters. */
  dropMulticast(node: NetnsNode): void {
    const table = 'tdm_drop_mdns';
    this.exec(node, ['nft', 'add', 'table', 'inet', table]);
    for (const [chain, hook] of [['in', 'input'], ['out', 'output']] as const) {
      this.exec(node, ['nft', 'add', 'chain', 'inet', table, chain, `{ type filter hook ${hook} priority 0 ; policy accept ; }`]);
      this.exec(node, ['nft', 'add', 'rule', 'inet', table, chain, 'ip', 'daddr', '224.0.0.251', 'counter', 'drop']);
    }
  }

  /** Packets the drop rules of `dropMulticast` have dropped so far in `node`'s namespace. */
  droppedMulticast(node: NetnsNode): number {
    const listing = this.exec(node, ['nft', 'list', 'table', 'inet', 'tdm_drop_mdns']);
    return [...listing.matchAll(/counter packets (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  }

  /** A process run inside `node`'s namespace, killed by `destroy`. */
  spawnIn(node: NetnsNode, command: string, args: readonly string[]): ChildProcess {
    // `ip netns exec` execs the command itself (no fork): the child's pid is the command's.
    const child = spawn('ip', ['netns', 'exec', node.ns, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  /** Makes 127.0.0.1:`port` inside `node`'s namespace reachable at 127.0.0.1:`port` here. */
  async portal(node: NetnsNode, port: number): Promise<void> {
    const sock = join(this.sockDir, `${node.ns.slice(-1)}-${port}.sock`);
    const script = `const net=require('net');const [sock,port]=process.argv.slice(1);
net.createServer((c)=>{const u=net.connect(Number(port),'127.0.0.1');c.pipe(u);u.pipe(c);c.on('error',()=>u.destroy());u.on('error',()=>c.destroy());c.on('close',()=>u.destroy());u.on('close',()=>c.destroy());}).listen(sock,()=>console.log('portal ready'));`;
    const inside = this.spawnIn(node, process.execPath, ['-e', script, sock, String(port)]);
    await waitForLine(inside, /portal ready/, 10_000);
    const sockets = new Set<net.Socket>();
    const server = net.createServer((client) => {
      const upstream = net.connect(sock);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => s.destroy());
        s.once('close', () => sockets.delete(s));
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    this.cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          sockets.forEach((s) => s.destroy());
          server.close(() => resolve());
        }),
    );
  }

  /** A real hub (`dist/peer/peer.cjs`) in `node`'s namespace, listening for teammates on every interface there, with mDNS. */
  async hub(node: NetnsNode, options: NsHubOptions = {}): Promise<NsHub> {
    const dataDir = options.dataDir ?? this.dataDir();
    const port = await freePort(); // free here; the namespace's port space starts empty
    const token = randomBytes(18).toString('base64url');
    const args = ['dist/peer/peer.cjs', '--data', dataDir, '--port', String(port), `--token=${token}`, '--lan-port', String(options.lanPort ?? 0)];
    if (options.create) args.push('--create-workspace', options.create);
    if (options.join) args.push('--join', options.join);
    for (const peer of options.peers ?? []) args.push('--peer', peer);
    const child = this.spawnIn(node, process.execPath, args);
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const waitForOutput = async (pattern: RegExp, timeoutMs = 15_000): Promise<RegExpExecArray> => {
      const started = Date.now();
      for (;;) {
        const match = pattern.exec(output);
        if (match) return match;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`hub in ${node.ns} exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${output}`);
        if (Date.now() - started > timeoutMs) throw new Error(`hub in ${node.ns} never printed ${pattern}:\n${output}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<number | null>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
        child.kill(signal);
      });
    this.cleanups.push(async () => void (await stop()));
    const [, url] = await waitForOutput(/Tandem hub ready: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/, 20_000);
    const [, lanPort] = await waitForOutput(/Tandem LAN port: (\d+)/);
    await this.portal(node, port);
    return { url: url as string, port, token, dataDir, pid: child.pid ?? 0, output: () => output, waitForOutput, stop, lanPort: Number(lanPort), node };
  }

  /**
   * What the peer's discovery (`LanDiscovery`, the code the hub runs) reports after browsing
   * and advertising under `tag` for `ms` inside `node`'s namespace: the diagnostics panel's view
   * of that network. (The hub does not serve these diagnostics over HTTP.)
   */
  async discoveryDiagnostics(node: NetnsNode, tag: string, ms = 3_000): Promise<DiscoveryDiagnostics> {
    const bundle = join(this.sockDir, 'discovery-probe.cjs');
    buildSync({
      stdin: {
        contents: `import { LanDiscovery } from './discovery';
const [peerId, tag, ms] = process.argv.slice(2);
const quiet = () => {};
const discovery = new LanDiscovery({ peerId, tag, port: 4100, logger: { info: quiet, warn: quiet, error: quiet }, onPeer: quiet });
discovery.start();
setTimeout(() => { console.log(JSON.stringify(discovery.diagnostics())); discovery.stop(); process.exit(0); }, Number(ms));`,
        resolveDir: resolve('electron/peer/lan'), // from the repository root, like dist/peer/peer.cjs
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'silent',
    });
    const child = this.spawnIn(node, process.execPath, [bundle, `probe${randomBytes(4).toString('hex')}`, tag, String(ms)]);
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((done) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), ms + 10_000);
      child.once('exit', (c) => {
        clearTimeout(timer);
        done(c);
      });
    });
    if (code !== 0) throw new Error(`the discovery probe in ${node.ns} failed (${code}):\n${output}`);
    return JSON.parse(output.trim().split('\n').pop() as string) as DiscoveryDiagnostics;
  }

  /** A data folder removed by `destroy`. */
  dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-netns-'));
    this.cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  /** Runs `cleanup` with the rest (before the namespaces go). */
  defer(cleanup: () => Promise<void> | void): void {
    this.cleanups.push(cleanup);
  }

  /** Stops everything started here and deletes the namespaces; never throws. */
  async destroy(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch {
        // keep tearing down
      }
    }
    for (const child of this.children) child.kill('SIGKILL');
    for (const node of this.nodes) {
      // Anything still inside a namespace made here was started by this test: end it by its pid.
      try {
        for (const pid of run(['ip', 'netns', 'pids', node.ns]).split(/\s+/).filter(Boolean)) process.kill(Number(pid), 'SIGKILL');
      } catch {
        // no such namespace, or the process is gone
      }
      try {
        run(['ip', 'netns', 'del', node.ns]); // takes the veth pair with it
      } catch {
        // never made
      }
    }
    rmSync(this.sockDir, { recursive: true, force: true });
  }
}

/** Namespaces (and what runs in them) left by an earlier run of these tests that died before its teardown. */
function sweepStaleNamespaces(): void {
  let names: string[];
  try {
    names = run(['ip', 'netns', 'list']).split('\n').map((line) => line.split(' ')[0] ?? '');
  } catch {
    return;
  }
  for (const name of names) {
    const owner = /^tdm-(\d+)-[0-9a-f]{4}-[ab]$/.exec(name)?.[1];
    if (!owner || isAlive(Number(owner))) continue;
    try {
      for (const pid of run(['ip', 'netns', 'pids', name]).split(/\s+/).filter(Boolean)) process.kill(Number(pid), 'SIGKILL');
      run(['ip', 'netns', 'del', name]);
    } catch {
      // gone meanwhile
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`never printed ${pattern}:\n${output}`)), timeoutMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
}

/**
 * A test file's labs and link clients: `lab()` makes the test's lab, `client(hub)` opens a link
 * to one of its hubs; both are torn down after each test.
 */
export function netnsTestBed(): { lab(): NetnsLab; client(hub: NsHub): Promise<LinkTestClient> } {
  let lab: NetnsLab | null = null;
  const clients: LinkTestClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await lab?.destroy();
    lab = null;
  });
  return {
    lab: () => (lab = NetnsLab.create()),
    client: async (hub) => {
      const c = await LinkTestClient.connect(hub.port, hub.token);
      clients.push(c);
      return c;
    },
  };
}
