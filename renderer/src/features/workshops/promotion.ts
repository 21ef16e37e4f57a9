// What a cluster becomes when promoted to another board: its title, and its notes (in board
// order) as a bulleted description, cut at the description limit with a count of what was left out.
import { LIMITS } from '../../../../shared/model/validate';
import type { ClusterSnapshot, NoteSnapshot } from '../../../../shared/model/workshops/read';
import type { IntakeEntry } from '../board-feature';

export function promotionEntry(cluster: ClusterSnapshot, notes: readonly NoteSnapshot[], moreLine = (n: number) => `… +${n}`): IntakeEntry {
  const members = new Set(cluster.noteIds);
  const lines = notes.filter((n) => members.has(n.id) && n.text.trim() !== '').map((n) => `- ${n.text.trim().replace(/\s*\n\s*/g, ' ')}`);
  const kept: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const tail = moreLine(lines.length - i).length + 1;
    if (length + line.length + 1 + tail > LIMITS.text) {
      kept.push(moreLine(lines.length - i));
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return { title: cluster.title, description: kept.join('\n') };
}
