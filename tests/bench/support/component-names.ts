// Names for the React components the app probe saw render. The production bundle's functions
// are minified (`Gt`, `e`), so each one's location in the bundle (Chromium's
// `[[FunctionLocation]]`, over CDP) is mapped through the bundle's source map back to the
// source line that declares it, and the name read from that line (`ItemCard.tsx:25 ItemCard`).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';

interface RawSourceMap {
  readonly sources: readonly string[];
  readonly sourcesContent?: readonly (string | null)[];
  readonly mappings: string;
}

/** One decoded mapping: generated column → source index, source line (0-based). */
type Segment = readonly [generatedColumn: number, source: number, line: number];

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes a Source Map v3 `mappings` string into segments per generated line (only what naming needs). */
function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let sourceLine = 0;
  for (const line of mappings.split(';')) {
    const segments: Segment[] = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64_VALUE.get(char);
        if (digit === undefined) throw new Error(`bad source map character ${char}`);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0] ?? 0;
      if (fields.length >= 4) {
        source += fields[1] ?? 0;
        sourceLine += fields[2] ?? 0;
        segments.push([column, source, sourceLine]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

const DECLARATION = [/function\s+([A-Za-z_$][\w$]*)/, /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=/, /class\s+([A-Za-z_$][\w$]*)/];

export class RendererSourceMap {
  private readonly lines: Segment[][];
  private readonly map: RawSourceMap;

  constructor(rendererDir: string) {
    const assets = join(rendererDir, 'assets');
    const file = readdirSync(assets).find((name) => name.startsWith('index-') && name.endsWith('.js.map'));
    if (!file) throw new Error('the renderer bundle has no source map');
    this.map = JSON.parse(readFileSync(join(assets, file), 'utf8')) as RawSourceMap;
    this.lines = decodeMappings(this.map.mappings);
  }

  /** `Name (File.tsx:line)` for a position in the bundle (0-based line and column). */
  describe(line: number, column: number): string {
    const segments = this.lines[line] ?? [];
    let best: Segment | undefined;
    for (const segment of segments) {
      if (segment[0] > column) break;
      best = segment;
    }
    if (!best) return `bundle:${line + 1}:${column + 1}`;
    const [, sourceIndex, sourceLine] = best;
    const path = this.map.sources[sourceIndex] ?? '?';
    const text = this.map.sourcesContent?.[sourceIndex]?.split('\n')[sourceLine] ?? '';
    const name = DECLARATION.map((pattern) => pattern.exec(text)?.[1]).find((n) => n !== undefined);
    const where = path.includes('node_modules/') ? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length).split('/').slice(0, 2).join('/') : basename(path);
    return `${name ?? '(anonymous)'} (${where}:${sourceLine + 1})`;
  }
}

interface RemoteObject {
  readonly objectId?: string;
  readonly value?: unknown;
}
interface PropertyDescriptor {
  readonly name: string;
  readonly value?: RemoteObject;
}

/** Names of `window.tandemProbe.componentTypes()`, by index. */
export async function componentNames(page: Page, rendererDir: string): Promise<string[]> {
  const sourceMap = new RendererSourceMap(rendererDir);
  const cdp = await page.context().newCDPSession(page);
  try {
    const list = (await cdp.send('Runtime.evaluate', { expression: 'window.tandemProbe.componentTypes()' })) as { result: RemoteObject };
    if (!list.result.objectId) return [];
    const { result } = (await cdp.send('Runtime.getProperties', { objectId: list.result.objectId, ownProperties: true })) as { result: PropertyDescriptor[] };
    const names: string[] = [];
    for (const property of result) {
      const index = Number(property.name);
      if (!Number.isInteger(index) || !property.value?.objectId) continue;
      const fn = (await cdp.send('Runtime.getProperties', { objectId: property.value.objectId, ownProperties: true })) as { internalProperties?: PropertyDescriptor[] };
      const location = fn.internalProperties?.find((p) => p.name === '[[FunctionLocation]]')?.value?.value as { lineNumber: number; columnNumber: number } | undefined;
      names[index] = location ? sourceMap.describe(location.lineNumber, location.columnNumber) : '(not a function)';
    }
    return names;
  } finally {
    await cdp.detach();
  }
}
