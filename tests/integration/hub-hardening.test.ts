// A stranger against a real hub process, as the attacker would do it: a request target that
// once threw before any check (and stopped the hub), and idle sockets that once filled the LAN
// port's handshake pool so no teammate could connect.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { addGoal, eventually, goalTitles, health, inviteOf, joinedWorkspace, LanTestBed, withAddresses } from './support/lan-hubs';

const bed = new LanTestBed();
afterEach(() => bed.cleanup());

/** Sends `request` on a raw TCP connection and resolves with everything the hub answers before it closes. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer to ${JSON.stringify(request.split('\r\n')[0])}`)));
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    socket.write(request);
  });
}

const upgradeHeaders = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';

describe('the hub against a stranger', () => {
  it('answers a request target with an authority (//a:99999/link) with 400 and keeps serving', async () => {
    const hub = await bed.hub({ create: 'Ops' });
    const client = await bed.client(hub);
    const { boardId, memberId } = await joinedWorkspace(client);
    const host = `127.0.0.1:${hub.port}`;
    for (const request of [
      `GET //a:99999/link HTTP/1.1\r\nHost: x\r\n${upgradeHeaders}\r\n`,
      `GET //a:99999/link HTTP/1.1\r\nHost: ${host}\r\n${upgradeHeaders}\r\n`,
      `GET //a:99999/link HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
      `GET //a:99999/healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      `GET /\\\\a:99999/link HTTP/1.1\r\nHost: ${host}\r\n${upgradeHeaders}\r\n`,
      `GET http://a:99999/link HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
    ]) {
      expect(await rawRequest(hub.port, request)).toMatch(/^HTTP\/1\.1 400 /);
    }
    // Still alive: it answers, nothing escaped a handler, and a teammate's write is acknowledged.
    const status = (await (await fetch(`http://${host}/healthz`)).json()) as { ok: boolean; escapedErrors: { count: number } };
    expect(status).toMatchObject({ ok: true, escapedErrors: { count: 0 } });
    await addGoal(client, boardId, 'Still here', memberId);
    expect(goalTitles(client, boardId)).toEqual(['Still here']);
  });

  it('lets a teammate in within 2 s while one address holds 40 idle sockets on the LAN port', async () => {
    const a = await bed.hub({ create: 'Ops' });
    const aClient = await bed.client(a);
    const { boardId, memberId } = await joinedWorkspace(aClient);
    await addGoal(aClient, boardId, 'Retention +3 pts', memberId);
    // B holds the workspace but has never been told where A is.
    const b = await bed.hub({ join: withAddresses(await inviteOf(a), []) });
    const bClient = await bed.client(b);

    const idle: net.Socket[] = [];
    bed.defer(() => idle.forEach((s) => s.destroy()));
    for (let i = 0; i < 40; i++) {
      const socket = net.connect({ host: '127.0.0.1', port: a.lanPort, localAddress: '127.0.0.2' });
      socket.on('error', () => {});
      idle.push(socket);
    }
    await Promise.all(idle.map((s) => new Promise((resolve) => (s.readyState === 'open' ? resolve(null) : s.once('connect', resolve).once('close', resolve)))));

    expect(await bClient.request('add-peer', { address: `127.0.0.1:${a.lanPort}` })).toMatchObject({ ok: true });
    await eventually(() => goalTitles(bClient, boardId).includes('Retention +3 pts'), () => `B has ${JSON.stringify(goalTitles(bClient, boardId))}`, 2_000);
    expect((await health(a)).peers).toHaveLength(1);
  });
});
