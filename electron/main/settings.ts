// The shell's own settings (`<userData>/settings.json`, today only the language), read
// leniently and written atomically: a temporary file, fsynced, renamed over the old one, so a
// crash leaves the old or the new settings and never half of a file.
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../shared/api/bridge';

const settingsSchema = z.object({ locale: z.enum(LOCALES).optional() });
export type ShellSettings = z.infer<typeof settingsSchema>;

export interface SettingsStore {
  /** The saved settings; `{}` when the file is missing, unreadable or not ours. */
  load(): Promise<ShellSettings>;
  /** Writes atomically; concurrent saves are applied one after another, the last one wins. */
  save(settings: ShellSettings): Promise<void>;
}

export function createSettingsStore(file: string): SettingsStore {
  let queue: Promise<unknown> = Promise.resolve();
  let writes = 0;
  return {
    async load() {
      try {
        const parsed = settingsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
        return parsed.success ? parsed.data : {};
      } catch {
        return {};
      }
    },
    save(settings) {
      const tmp = `${file}.tmp-${process.pid}-${writes++}`;
      const write = queue.then(() => writeAtomic(file, tmp, `${JSON.stringify(settingsSchema.parse(settings), null, 2)}\n`));
      queue = write.catch(() => undefined);
      return write;
    },
  };
}

async function writeAtomic(file: string, tmp: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  try {
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** The saved language, else the system's: any Chinese locale gets 简体中文, everything else English. */
export function resolveLocale(saved: Locale | undefined, systemLocale: string): Locale {
  if (saved) return saved;
  return systemLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
