// Loaded (`node --require`) into a real peer process that tests fork in place of an Electron
// utility process: it plays Electron's `process.parentPort` over Node's IPC channel, and the
// MessagePorts main hands over as numbered relays, so dist/peer/peer.cjs runs unchanged.
// The other end is tests/fakes/real-utility-process.ts.
/* global require, process */
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload for a plain Node child
const { EventEmitter } = require('node:events');

const parentListeners = [];
/** As Electron's parentPort, messages wait until the first listener starts the port. */
let queued = [];
const ports = new Map();

function send(message) {
  if (process.connected) process.send(message);
}

function relayPort(id) {
  const events = new EventEmitter();
  const port = {
    on(event, listener) {
      events.on(event, listener);
      return port;
    },
    postMessage: (data) => send({ kind: 'port', id, data }),
    start: () => undefined,
    close() {
      if (!ports.delete(id)) return;
      send({ kind: 'port-close', id });
      events.emit('close');
    },
  };
  ports.set(id, events);
  return port;
}

process.parentPort = {
  on(event, listener) {
    if (event !== 'message') return;
    parentListeners.push(listener);
    const waiting = queued;
    queued = [];
    for (const message of waiting) listener(message);
  },
  postMessage: (data) => send({ kind: 'parent', data }),
};

process.on('message', (message) => {
  if (message.kind === 'parent') {
    const event = { data: message.data, ports: message.ports.map(relayPort) };
    if (parentListeners.length === 0) queued.push(event);
    for (const listener of parentListeners) listener(event);
  } else if (message.kind === 'port') {
    ports.get(message.id)?.emit('message', { data: message.data });
  } else if (message.kind === 'port-close') {
    const events = ports.get(message.id);
    ports.delete(message.id);
    events?.emit('close');
  }
});

// Electron ends a utility process with its app; here the test process plays the app.
process.on('disconnect', () => process.exit(0));
