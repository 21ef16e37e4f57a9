// Small JSON files of the data folder (identity, secret, remembered addresses, acknowledgements)
// are written atomically: many writes to one file at once all succeed, in order, the last one
// wins, and no temporary file is left behind.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { writeJsonAtomic } from '../../electron/peer/files';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

it('concurrent writes of one file never collide: all succeed and the last one is on disk', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-files-'));
  dirs.push(dir);
  const path = join(dir, 'lan-peers.json');
  await Promise.all(Array.from({ length: 25 }, (_, i) => writeJsonAtomic(path, { write: i })));
  expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ write: 24 });
  expect(readdirSync(dir)).toEqual(['lan-peers.json']);
  expect(statSync(path).mode & 0o777).toBe(0o600);
});
