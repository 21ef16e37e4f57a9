// Two offices that never share a LAN: each has a hub, and both use the company's relay. The
// second office joins by an invite that carries no reachable address, only the relay's (so it
// is told nothing else), receives the workspace and its boards through the relay alone, edits
// flow both ways, and each office counts the other's laptop as reached from acknowledgements
// that came through the relay — while the relay's folder holds no workspace name, no goal
// title and no board id.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { networkStatusSchema, reachResultSchema } from '../../shared/api/network';
import { decodeInvite } from '../../shared/lan/invite';
import { startWireMeter } from '../bench/support/wire-meter';
import { startRelayProcess } from '../support/relay-node';
import { addGoal, converged, eventually, goalTitles, health, inviteOf, joinedWorkspace, LanTestBed, withAddresses } from './support/lan-hubs';

const bed = new LanTestBed();
afterEach(() => bed.cleanup());

function bytesUnder(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).map((name) => {
    const path = join(dir, name);
    return Buffer.concat([Buffer.from(name), statSync(path).isDirectory() ? bytesUnder(path) : readFileSync(path)]);
  }));
}

describe('two offices through a relay', () => {
  it('join, converge both ways and leave the relay blind', async () => {
    const relayData = mkdtempSync(join(tmpdir(), 'tandem-relay-hubs-'));
    bed.defer(() => rmSync(relayData, { recursive: true, force: true }));
    const relay = await startRelayProcess({ dataDir: relayData, name: 'office-relay' });
    bed.defer(() => relay.stop('SIGKILL'));
    // Both offices reach the relay through a tap that keeps every byte of the traffic.
    const tap = await startWireMeter(relay.port, { record: true });
    bed.defer(() => tap.close());
    const relayUrl = `ws://${tap.address}`;

    const berlin = await bed.hub({ create: 'Relay Test Workspace', extra: ['--relay', relayUrl] });
    const invite = withAddresses(await inviteOf(berlin), []);
    expect(decodeInvite(invite)).toMatchObject({ addresses: [], relays: [relayUrl] });
    const shanghai = await bed.hub({ join: invite });
    const a = await bed.client(berlin);
    const b = await bed.client(shanghai);
    const { workspaceId, boardId, memberId } = await joinedWorkspace(a);
    await joinedWorkspace(b);

    await addGoal(a, boardId, 'Grow weekly active users in Berlin', memberId);
    await addGoal(b, boardId, '提升上海的次月留存', memberId);
    await eventually(() => goalTitles(a, boardId).length === 2 && goalTitles(b, boardId).length === 2, () => `berlin ${goalTitles(a, boardId)} / shanghai ${goalTitles(b, boardId)}`);
    await converged([a, b], workspaceId);

    const status = (await health(shanghai)) as unknown as { relay: { connected: boolean; refusal: string | null; refusedBlobs: object }; peers: unknown[] };
    expect(status.relay).toMatchObject({ connected: true, refusal: null, refusedBlobs: {} });
    expect(status.peers).toEqual([]); // no LAN between the offices: it all came through the relay

    // "On 1 of 1 laptops": Shanghai's peer acknowledged the board through the relay.
    const network = async (client: typeof a) => networkStatusSchema.parse(((await client.request('network-status', {})) as { value: unknown }).value);
    let seen: unknown;
    await eventually(async () => ((seen = (await network(a)).reachByDoc[boardId]) as { reached: number } | undefined)?.reached === 1, () => `berlin reach ${JSON.stringify(seen)}`);
    expect((await network(a)).reachByDoc[boardId]).toEqual({ reached: 1, of: 1 });
    const [mate] = reachResultSchema.parse(((await a.request('reach', { docId: boardId })) as { value: unknown }).value).teammates;
    expect(mate).toMatchObject({ memberId: b.hello?.workspace?.memberId, connected: false, reachedAt: expect.any(Number) });
    // A change Shanghai has not saved yet does not count; once it has, it does.
    await addGoal(a, boardId, 'Reach the Shanghai office', memberId);
    await eventually(async () => goalTitles(b, boardId).length === 3 && (await network(a)).reachByDoc[boardId]?.reached === 1, () => 'the new goal never counted as reached');
    expect((await network(b)).reachByDoc[boardId]?.reached).toBe(1);

    await relay.stop('SIGTERM'); // stores what it holds
    const stored = bytesUnder(relayData);
    expect(stored.length).toBeGreaterThan(0);
    // The traffic too: frames from the relay to a laptop are not masked, and everything one
    // office wrote reached the other that way.
    const traffic = tap.recorded();
    expect(traffic.length).toBeGreaterThan(10_000);
    for (const text of ['Relay Test Workspace', 'Grow weekly active users in Berlin', '提升上海的次月留存', 'Reach the Shanghai office', 'Office hub', workspaceId, boardId, memberId]) expect(traffic.includes(Buffer.from(text)), `${text} in the traffic`).toBe(false);
    for (const text of ['Relay Test Workspace', 'Grow weekly active users in Berlin', '提升上海的次月留存', 'Reach the Shanghai office', 'Office hub', workspaceId, boardId, memberId]) expect(stored.includes(Buffer.from(text)), text).toBe(false);
  });
});
