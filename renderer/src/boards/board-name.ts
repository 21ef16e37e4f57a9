// A board's name as the screen shows it: a built-in board nobody renamed (the Goals board
// Tandem makes with the workspace) reads in the current language; any other board by its name.
import type { TFunction } from 'i18next';
import type { BoardRef } from '../../../shared/model/workspace';

export function boardName(board: Pick<BoardRef, 'name' | 'builtIn'>, t: TFunction): string {
  return board.builtIn ? t(`builtInBoards.${board.builtIn}`) : board.name;
}
