// The network part of Settings: the address teammates type to add this laptop, every teammate's peer this laptop knows (member, device, address, how it
// was found, connected or not, last exchange), a form to add a peer by address where multicast
// is blocked, and diagnostics: whether mDNS works here, the interfaces used, the LAN port and
// whether teammates can reach it (checked again on demand).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { NetworkStatus } from '../../../shared/api/network';
import { useApp, useRuntime } from '../context';
import { FieldError, type ShownError } from './FieldError';
import { OwnAddress } from './OwnAddress';
import { RelaySection } from './RelaySection';

function useTime(): (at: number | null) => string {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  return (at) => (at === null ? t('network.never') : new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(at)));
}

function PeerTable({ network }: { network: NetworkStatus }) {
  const { t } = useTranslation();
  const time = useTime();
  const members = useApp(useShallow((s) => s.workspace?.members ?? []));
  if (network.peers.length === 0) return <p className="muted">{t('network.noPeers')}</p>;
  return (
    <table className="network-peers" data-testid="network-peers">
      <thead>
        <tr>
          <th scope="col">{t('network.member')}</th>
          <th scope="col">{t('network.device')}</th>
          <th scope="col">{t('network.address')}</th>
          <th scope="col">{t('network.foundBy')}</th>
          <th scope="col">{t('network.state')}</th>
          <th scope="col">{t('network.lastExchange')}</th>
        </tr>
      </thead>
      <tbody>
        {network.peers.map((peer) => (
          <tr key={peer.peerId} data-testid="network-peer" data-connected={peer.connected}>
            <td>{members.find((m) => m.id === peer.memberId)?.name ?? t('network.unknownMember')}</td>
            <td>{peer.device ?? '—'}</td>
            <td className="mono">{peer.address}</td>
            <td>{t(`network.via.${peer.via}`)}</td>
            <td className={peer.connected ? 'peer-connected' : 'muted'}>{peer.connected ? t('network.connected') : t('network.notConnected')}</td>
            <td>{time(peer.lastExchangeAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AddPeerForm() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const [address, setAddress] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setAdded(null);
    const result = await runtime.network.addPeer(address);
    if (!result.ok) return setError(result.error);
    setError(null);
    setAdded(result.value);
    setAddress('');
  }

  return (
    <form className="add-peer" onSubmit={submit} noValidate aria-labelledby="add-peer-title">
      <h3 id="add-peer-title">{t('network.addTitle')}</h3>
      <p className="muted small">{t('network.addHint')}</p>
      <label>
        {t('network.addAddress')}
        <input name="peerAddress" value={address} onChange={(e) => setAddress(e.target.value)} placeholder="192.168.1.20:4100" aria-invalid={!!error} />
      </label>
      <button type="submit">{t('network.add')}</button>
      <FieldError error={error} />
      {added && <p role="status">{t('network.added', { address: added })}</p>}
    </form>
  );
}

/** Whether teammates reach this laptop's port, address by address, and "Check again". */
function Reachability({ network }: { network: NetworkStatus }) {
  const { t } = useTranslation();
  const runtime = useRuntime();
  const locale = useApp((s) => s.locale);
  const members = useApp(useShallow((s) => s.workspace?.members ?? []));
  const [busy, setBusy] = useState(false);
  const reach = network.reachability ?? null;
  const time = (at: number) => new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(at));
  const teammate = (peerId: string) => {
    const peer = network.peers.find((p) => p.peerId === peerId);
    return members.find((m) => m.id === peer?.memberId)?.name ?? peer?.device ?? peerId;
  };
  const port = network.lanPort ?? 0;
  const lines: { key: string; ok: boolean; text: string }[] = [];
  if (reach) {
    const reachable = new Map<string, number>();
    for (const check of reach.fromTeammates) {
      if (check.result === 'reachable') reachable.set(check.address, Math.max(reachable.get(check.address) ?? 0, check.checkedAt));
      else lines.push({ key: `t-${check.peerId}-${check.address}`, ok: false, text: t('network.notReachableFrom', { teammate: teammate(check.peerId), address: check.address, reason: t(`network.reachReason.${check.result}`), port }) });
    }
    for (const [address, at] of reachable) lines.unshift({ key: `r-${address}`, ok: true, text: t('network.reachableFrom', { address, time: time(at) }) });
    for (const check of reach.self) {
      lines.push({
        key: `s-${check.address}`,
        ok: check.result === 'reachable',
        text: check.result === 'reachable' ? t('network.selfReachable', { address: check.address, time: time(check.checkedAt) }) : t('network.selfNotReachable', { address: check.address, reason: t(`network.reachReason.${check.result}`) }),
      });
    }
  }
  const checking = busy || reach?.checking === true;
  const checkAgain = async () => {
    setBusy(true);
    await runtime.network.checkReachability();
    setBusy(false);
  };
  return (
    <dd data-testid="diagnostics-reachability">
      {!reach || reach.checkedAt === null ? <p className="muted">{checking ? t('network.checking') : t('network.notCheckedYet')}</p> : null}
      {reach && reach.checkedAt !== null && reach.fromTeammates.length === 0 ? <p className="muted">{t('network.noTeammateCheck')}</p> : null}
      {lines.length > 0 && (
        <ul className="reachability">
          {lines.map((line) => (
            <li key={line.key} className={line.ok ? 'peer-connected' : 'warning'}>
              {line.text}
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => void checkAgain()} disabled={checking || !network.running}>
        {checking ? t('network.checking') : t('network.checkAgain')}
      </button>
    </dd>
  );
}

function Diagnostics({ network }: { network: NetworkStatus }) {
  const { t } = useTranslation();
  const { discovery } = network;
  const multicast = !discovery.enabled ? t('network.multicastOff') : discovery.mdnsResponseSeen ? t('network.multicastWorks') : t('network.multicastNotYet');
  return (
    <section className="network-diagnostics" aria-labelledby="diagnostics-title">
      <h3 id="diagnostics-title">{t('network.diagnostics')}</h3>
      <dl>
        <dt>{t('network.multicast')}</dt>
        <dd data-testid="diagnostics-multicast">{multicast}</dd>
        <dt>{t('network.interfaces')}</dt>
        <dd>{discovery.interfaces.length ? discovery.interfaces.map((i) => `${i.name} (${i.address})`).join(', ') : t('network.noInterfaces')}</dd>
        <dt>{t('network.port')}</dt>
        <dd data-testid="diagnostics-port">
          {network.listening && network.lanPort !== null ? t('network.listening', { host: network.listenHost ?? '0.0.0.0', port: network.lanPort }) : t('network.notListening')}
          {' — '}
          {network.inboundFromLan > 0 ? t('network.reachedFromLan', { count: network.inboundFromLan }) : t('network.notReachedYet')}
        </dd>
        <dt>{t('network.reachability')}</dt>
        <Reachability network={network} />
        {network.addresses.length > 0 && (
          <>
            <dt>{t('network.addresses')}</dt>
            <dd>
              <ul className="dial-addresses">
                {network.addresses.map((a) => (
                  <li key={a.address}>
                    <span className="mono">{a.address}</span> · {t(`network.via.${a.via}`)}
                    {a.lastError ? <span className="muted small"> · {a.lastError}</span> : null}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

export function NetworkView() {
  const { t } = useTranslation();
  const network = useApp((s) => s.network);
  return (
    <div className="network-view">
      <OwnAddress />
      {network && !network.running && <p className="banner warning">{t('sync.lanOff')}</p>}
      <section aria-labelledby="peers-title">
        <h3 id="peers-title">{t('network.peers')}</h3>
        {network ? <PeerTable network={network} /> : <p className="muted">{t('network.noPeers')}</p>}
      </section>
      <AddPeerForm />
      <RelaySection />
      {network && <Diagnostics network={network} />}
    </div>
  );
}
