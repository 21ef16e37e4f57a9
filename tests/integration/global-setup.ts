// Integration tests spawn the built peer (dist/peer/peer.cjs): build it first if a source changed.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['build/scripts/build.mjs', '--if-needed'], { stdio: 'inherit' });
}
