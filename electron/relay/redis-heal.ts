// Keeps relay nodes converged across a Redis outage. Hocuspocus's Redis extension tells other
// nodes about a change by publishing a sync step 1; Redis pub/sub keeps nothing, so a change
// made while a node's subscription was down reaches that node only with the next change. This
// Tandem hook re-publishes every loaded doc's step 1 when Redis comes back and every few
// seconds: nodes that lack something answer with it. The engine is unchanged; the one call into
// the extension (`publishFirstSyncStep`, private in its typings since 2.x) is pinned by the
// Redis-restart integration test.
import type { Redis } from '@hocuspocus/extension-redis';
import type { Extension, Hocuspocus } from '@hocuspocus/server';

/** The extension's own announcement, as it makes it after loading a doc and after each change. */
interface AnnouncingRedis {
  publishFirstSyncStep(documentName: string, document: unknown): Promise<unknown>;
}

export class RedisHeal implements Extension {
  private instance: Hocuspocus | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly intervalMs: number,
  ) {
    // After a reconnect the other nodes may resubscribe a moment later: announce now and again shortly.
    const onReady = () => {
      this.announceAll();
      setTimeout(() => this.announceAll(), 1_000).unref();
    };
    redis.pub.on('ready', onReady);
    redis.sub.on('ready', onReady);
  }

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    this.instance = instance;
    this.timer = setInterval(() => this.announceAll(), this.intervalMs);
    this.timer.unref();
  }

  async onDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
  }

  private announceAll(): void {
    if (!this.instance || this.redis.pub.status !== 'ready') return;
    for (const [name, document] of this.instance.documents) {
      (this.redis as unknown as AnnouncingRedis).publishFirstSyncStep(name, document).catch(() => undefined);
    }
  }
}
