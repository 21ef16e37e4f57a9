// The clocks of the latest changes to each goal and feedback item of one board doc, as this
// window saw them happen: the question "has this item reached my teammates' laptops?" is
// whether their acknowledged state holds these clocks. A change to a KPI or check-in counts for
// its goal, a comment or activity entry for its item. Before a first change in this window an
// entity is judged by the whole doc as it was when opened, which can only under-report.
import * as Y from 'yjs';
import { forEachAdvancedClock } from '../../../shared/protocol/apply-received';

export type Clocks = ReadonlyMap<number, number>;

/** The entity (top-level map entry) a changed type belongs to, and the top-level map's entry. */
function entityOf(type: Y.AbstractType<unknown>): Y.AbstractType<unknown> | null {
  let current = type;
  for (;;) {
    const item = current._item;
    if (!item) return null;
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    if (!parent._item) return current;
    current = parent;
  }
}

export class EntityMarks {
  private readonly marks = new Map<string, Map<number, number>>();
  private readonly baseline: Clocks;
  private readonly listener = (tr: Y.Transaction) => this.onTransaction(tr);

  constructor(private readonly doc: Y.Doc) {
    this.baseline = Y.decodeStateVector(Y.encodeStateVector(doc));
    doc.on('afterTransaction', this.listener);
  }

  /** Clocks that must be on a teammate's disk for this goal or item, as this window last saw it change. */
  of(entityId: string): Clocks {
    return this.marks.get(entityId) ?? this.baseline;
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.listener);
  }

  private onTransaction(tr: Y.Transaction): void {
    const advanced: [number, number][] = [];
    forEachAdvancedClock(tr, (client, clock) => advanced.push([client, clock]));
    // A deletion moves no clock: the entity is gone or its field cleared, with nothing new to wait for.
    if (advanced.length === 0) return;
    const touched = new Set<string>();
    for (const [type, keys] of tr.changed) {
      if (!type._item) {
        // A top-level map: its changed keys are entity ids (created, replaced or removed).
        for (const key of keys) if (key !== null) touched.add(key);
        continue;
      }
      const entity = entityOf(type as Y.AbstractType<unknown>);
      const id = entity?._item?.parentSub;
      if (!entity || !id) continue;
      touched.add(id);
      if (entity instanceof Y.Map) for (const owner of this.ownersOf(entity)) touched.add(owner);
    }
    for (const id of [...touched]) {
      const entity = this.entityMap(id);
      if (entity) for (const owner of this.ownersOf(entity)) touched.add(owner);
    }
    for (const id of touched) {
      let mark = this.marks.get(id);
      if (!mark) this.marks.set(id, (mark = new Map()));
      for (const [client, clock] of advanced) if ((mark.get(client) ?? 0) < clock) mark.set(client, clock);
    }
  }

  /** The goal a KPI or check-in belongs to, the item a comment or activity entry is about. */
  private ownersOf(entity: Y.Map<unknown>): string[] {
    const owners: string[] = [];
    for (const key of ['goalId', 'itemId'] as const) {
      const id = entity.get(key);
      if (typeof id === 'string') owners.push(id);
    }
    const kpiId = entity.get('kpiId');
    if (typeof kpiId === 'string' && this.doc.share.has('kpis')) {
      const kpi = this.doc.getMap('kpis').get(kpiId);
      if (kpi instanceof Y.Map && typeof kpi.get('goalId') === 'string') owners.push(kpi.get('goalId') as string);
    }
    return owners;
  }

  private entityMap(id: string): Y.Map<unknown> | null {
    for (const name of ['kpis', 'checkIns', 'comments', 'activity']) {
      if (!this.doc.share.has(name)) continue;
      const entity = this.doc.getMap(name).get(id);
      if (entity instanceof Y.Map) return entity;
    }
    return null;
  }
}
