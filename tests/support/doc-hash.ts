// Comparing replicas by content, not only by state vectors (two updates with the same clock but
// different content diverge with equal vectors): canonical JSON of every non-empty root map,
// and its SHA-256.
import { createHash } from 'node:crypto';
import type * as Y from 'yjs';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/** Every non-empty root of the doc (maps, and the texts of series occurrences' notes), as canonical JSON text. */
export function docJson(doc: Y.Doc): string {
  const roots: Record<string, unknown> = {};
  for (const name of [...doc.share.keys()].sort()) {
    // Roots are maps, except a series occurrence's notes (`notes:<meetingId>`), a text.
    if (name.startsWith('notes:')) {
      const text = doc.getText(name).toString();
      if (text.length > 0) roots[name] = text;
      continue;
    }
    const json = doc.getMap(name).toJSON();
    if (Object.keys(json).length > 0) roots[name] = json;
  }
  return JSON.stringify(canonical(roots));
}

export function docHash(doc: Y.Doc): string {
  return createHash('sha256').update(docJson(doc)).digest('hex');
}

/** One hash over several docs, by id. */
export function docsHash(docs: ReadonlyMap<string, Y.Doc>): string {
  const hash = createHash('sha256');
  for (const id of [...docs.keys()].sort()) {
    const doc = docs.get(id) as Y.Doc;
    const json = docJson(doc);
    if (json === '{}') continue;
    hash.update(id).update('\0').update(json).update('\0');
  }
  return hash.digest('hex');
}
