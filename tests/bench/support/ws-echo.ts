// The floor for a message between two processes on this machine right now: a WebSocket echo
// server (the `ws` package, as the local link uses) in its own process, and a client that
// sends numbered messages of a given size at a steady rate and records each round trip.
import { spawn, type ChildProcess } from 'node:child_process';
import WebSocket from 'ws';

const SERVER = `const { WebSocketServer } = require('ws');
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('listening', () => process.stdout.write('echo port ' + server.address().port + '\\n'));
server.on('connection', (ws) => ws.on('message', (data) => ws.send(data)));`;

export interface WsEcho {
  /** Sends `perSecond` messages of `bytes` bytes for `ms`, paced by elapsed time; resolves with every round trip (ms) once all are back or `graceMs` has passed. */
  stream(options: { bytes: number; perSecond: number; ms: number; graceMs: number }): Promise<{ rtts: number[]; lost: number }>;
  close(): Promise<void>;
}

export async function startWsEcho(): Promise<WsEcho> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (data: Buffer) => {
      out += data.toString();
      const match = /echo port (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the echo server exited with ${code}`)));
  });
  const ws = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.binaryType = 'nodebuffer';
  return {
    async stream({ bytes, perSecond, ms, graceMs }) {
      const sentAt: number[] = [];
      const rtts: number[] = [];
      const onMessage = (data: Buffer) => {
        const seq = data.readUInt32LE(0);
        const at = sentAt[seq];
        if (at !== undefined) rtts.push(performance.now() - at);
      };
      ws.on('message', onMessage);
      const total = Math.floor((ms / 1000) * perSecond);
      const began = performance.now();
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          const due = Math.min(total, Math.floor(((performance.now() - began) / 1000) * perSecond));
          while (sentAt.length < due) {
            const message = Buffer.alloc(Math.max(4, bytes));
            message.writeUInt32LE(sentAt.length, 0);
            sentAt.push(performance.now());
            ws.send(message);
          }
          if (sentAt.length >= total) {
            clearInterval(timer);
            resolve();
          }
        }, 1000 / perSecond / 2);
      });
      const waitUntil = performance.now() + graceMs;
      while (rtts.length < total && performance.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 20));
      ws.off('message', onMessage);
      return { rtts, lost: total - rtts.length };
    },
    async close() {
      ws.close();
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
    },
  };
}
