// Two offices that never share a LAN: each has a hub, and both use the company's relay. The
// second office joins by an invite that carries no reachable address, receives the workspace
// and its boards through the relay alone, and edits flow both ways — while the relay's folder
// holds no workspace name, no goal title and no board id.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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

    const berlin = await bed.hub({ create: 'Relay Test Workspace', extra: ['--relay', relay.url] });
    const invite = withAddresses(await inviteOf(berlin), []);
    const shanghai = await bed.hub({ join: invite, extra: ['--relay', relay.url] });
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

    await relay.stop('SIGTERM'); // stores what it holds
    const stored = bytesUnder(relayData);
    expect(stored.length).toBeGreaterThan(0);
    for (const text of ['Relay Test Workspace', 'Grow weekly active users in Berlin', '提升上海的次月留存', 'Office hub', workspaceId, boardId]) expect(stored.includes(Buffer.from(text)), text).toBe(false);
  });
});
