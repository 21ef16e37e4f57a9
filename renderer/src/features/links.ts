// Links between kinds (a feedback item's goals): a kind names the kind it links to by id and
// finds the linked entities here, through the registry, never by importing that kind's folder.
import { useMemo } from 'react';
import type { BoardKind } from '../../../shared/model/kinds';
import { useApp } from '../context';
import type { LinkTarget } from './board-feature';
import { BOARD_FEATURES } from './kinds';

/** A linkable entity of a board, keyed `${boardId}:${id}` like the model's link keys. */
export interface BoardLinkTarget extends LinkTarget {
  readonly boardId: string;
  readonly key: string;
}

/** Every linkable entity of every open board of `kind`, by key, in board order. */
export function useLinkTargets(kind: BoardKind): ReadonlyMap<string, BoardLinkTarget> {
  const feature = BOARD_FEATURES[kind];
  const boards = useApp((s) => s[feature.slice]);
  return useMemo(() => {
    const targets = new Map<string, BoardLinkTarget>();
    for (const [boardId, board] of Object.entries(boards)) {
      for (const target of feature.linkTargets?.(board) ?? []) targets.set(`${boardId}:${target.id}`, { ...target, boardId, key: `${boardId}:${target.id}` });
    }
    return targets;
  }, [boards, feature]);
}
