// English messages of the company relay in the Network view: its state, what each refusal
// means for the person, and adding, changing or removing it. Merged into en.ts.
export const relayEn = {
  relay: {
    title: 'Company relay',
    intro: 'A relay lets laptops in other offices and at home sync with this one. Everything is encrypted on this laptop first: the relay never sees your boards, names or text.',
    none: 'No relay is set. Teammates sync on this office’s network only.',
    address: 'Relay address',
    addressHint: 'A relay of several nodes? Give each node’s address, separated by commas: they are tried in turn. Invites you send from now on carry the relay too.',
    nodes: 'Nodes, tried in turn: {{urls}}',
    placeholder: 'wss://relay.example.com',
    add: 'Use this relay',
    change: 'Change relay',
    remove: 'Stop using the relay',
    removed: 'This laptop no longer syncs through a relay.',
    saved: 'This laptop now syncs through {{url}}.',
    connected: 'Connected to {{url}}',
    connecting: 'Trying to reach {{url}}… Your edits are kept here and sent when it answers.',
    lastExchange: 'Last exchange: {{time}}',
    docsPending_one: '{{count}} board is still catching up with the relay.',
    docsPending_other: '{{count}} boards are still catching up with the relay.',
    diskFull: 'The relay’s disk is full. Your changes are safe on this laptop and reach teammates through the relay while it runs; it stores them once whoever runs it frees space.',
    refusedBlobs_one: '{{count}} piece of data from the relay was refused: it was not sealed with this workspace’s key. Nothing was changed.',
    refusedBlobs_other: '{{count}} pieces of data from the relay were refused: they were not sealed with this workspace’s key. Nothing was changed.',
    refusal: {
      'relay-protocol': 'The relay runs another version of Tandem’s relay. Ask whoever runs it to update it, or update Tandem.',
      'relay-token': 'The relay did not accept this workspace’s key. If the workspace secret was rotated, everyone needs the new invite.',
      'relay-not-served': 'This relay does not serve this workspace. Ask whoever runs it to add the workspace (docs/relay.md says how).',
    },
  },
  errors: {
    relayAddress: '“{{address}}” is not a relay address. Each address starts with wss:// (or ws:// on a trusted network), for example wss://relay.example.com; give at most four, separated by commas.',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** Every language's relay messages have exactly the English keys. */
export type RelayCatalogue = Widen<typeof relayEn>;
