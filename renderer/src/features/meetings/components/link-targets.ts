// What a decision, agenda topic or action item may link to: goals (through the registry's link
// targets) and feedback items (through the registry's facts) of every open board, by key.
import { useMemo } from 'react';
import type { LinkInput } from '../../../../../shared/model/meetings/schema';
import { useBoardFacts } from '../../facts';
import { useLinkTargets } from '../../links';

export interface MeetingLinkTarget {
  readonly key: string;
  readonly link: LinkInput;
  readonly title: string;
}

export function useMeetingLinkTargets(): { goals: readonly MeetingLinkTarget[]; feedback: readonly MeetingLinkTarget[]; byKey: ReadonlyMap<string, MeetingLinkTarget> } {
  const goalTargets = useLinkTargets('goals');
  const { feedback } = useBoardFacts();
  return useMemo(() => {
    const goals = [...goalTargets.values()].map((g) => ({ key: g.key, link: { kind: 'goal' as const, boardId: g.boardId, entityId: g.id }, title: g.title }));
    const items = feedback.map((f) => ({ key: `${f.boardId}:${f.id}`, link: { kind: 'feedback' as const, boardId: f.boardId, entityId: f.id }, title: f.title }));
    return { goals, feedback: items, byKey: new Map([...goals, ...items].map((target) => [target.key, target])) };
  }, [goalTargets, feedback]);
}
