// Entry of one relay node (`npm run relay -- --port <n> --data <dir> [--redis <url>]`): the
// Hocuspocus server with Tandem's hooks, for teams past one office. Stateless apart from its
// data folder; with Redis, any number of nodes can stand behind one address. Stops cleanly on
// SIGINT/SIGTERM, storing what it holds.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../peer/logger';
import { ProcessGuard } from '../peer/process-guard';
import { startRelayNode } from './relay-node';
import { isDatabaseUrl, relayDatabaseStore, relayFileStore, type RelayStore } from './relay-store';

const USAGE = `Usage: npm run relay -- --data <dir or postgres url> [--port <n>] [--host <ip>] [--redis <url>] [--allow <file>] [--name <id>]
  --data <dir>     where this node stores envelope docs: a folder (on a volume every node shares),
                   or postgres://user:password@host:port/db, a database every node shares
  --port <n>       port to listen on (default 4200; 0 = any free port)
  --host <ip>      address to listen on (default 127.0.0.1: put TLS in front, see docs/relay.md)
  --redis <url>    redis://host:port shared by every node behind one address
  --allow <file>   serve only the workspace namespaces listed in this file, one per line
  --name <id>      this node's name in Redis and logs (default relay-<pid>)`;

function fail(message: string): never {
  process.stderr.write(`Tandem relay: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function readAllowList(path: string): Set<string> {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const bad = lines.find((l) => !/^[0-9a-f]{32}$/.test(l));
  if (bad) fail(`--allow: "${bad}" is not a workspace namespace (32 hex characters; the relay logs it when it refuses that workspace)`);
  return new Set(lines);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ options: { data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, redis: { type: 'string' }, allow: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } } }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.data) fail('--data <dir or postgres url> is required');
  const port = values.port === undefined ? 4200 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, not ${values.port}`);
  const logger = createLogger();
  new ProcessGuard(logger).install();
  const data = values.data;
  const store: RelayStore = isDatabaseUrl(data)
    ? await relayDatabaseStore(data).catch((error: unknown) => fail(`--data: the database could not be reached (${(error as Error).message})`))
    : relayFileStore(resolve(data));
  const node = await startRelayNode({
    port,
    host: values.host,
    redisUrl: values.redis,
    store,
    allowedNamespaces: values.allow ? readAllowList(values.allow) : undefined,
    name: values.name,
    log: (line) => logger.info(line),
  }).catch((error: unknown) => fail((error as Error).message));
  process.stdout.write(`Tandem relay listening at ${node.url}\n`);
  // Storing what it holds may fail (the database is down); stop anyway, within 10 s: the laptops keep their copies.
  const stop = () => {
    setTimeout(() => process.exit(0), 10_000).unref();
    node
      .close()
      .catch((error: unknown) => logger.warn('stopping: a doc could not be stored', { error: String((error as Error)?.cause ?? error) }))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
