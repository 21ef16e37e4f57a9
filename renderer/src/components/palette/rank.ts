// How the command palette orders what a typed query matches: cmdk's fuzzy score of the label,
// or half of it on another name of the command (its other language, its board's kind), each
// name scored on its own so letters are never matched across two names.
import { defaultFilter } from 'cmdk';
import type { PaletteCommand } from './commands';

/** How many matches a typed query lists: enough to scroll, few enough to draw at once. */
export const MAX_MATCHES = 50;

/**
 * Below this, cmdk's score comes from letters scattered through unrelated words ("week" in
 * "New feedback" scores 0.005): noise a person would not call a match. A typo or an initialism
 * ("onbrd", "gwau", "d30") scores well above it.
 */
export const MIN_SCORE = 0.05;

/** The commands matching `query`, best first; every command but entities while it is empty. */
export function rankCommands<C extends Pick<PaletteCommand, 'group' | 'label' | 'keywords'>>(commands: readonly C[], query: string): readonly C[] {
  const q = query.trim();
  if (q === '') return commands.filter((c) => c.group !== 'entities');
  return commands
    .map((command) => ({ command, score: Math.max(defaultFilter(command.label, q), ...command.keywords.map((name) => defaultFilter(name, q) * 0.5)) }))
    .filter((m) => m.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_MATCHES)
    .map((m) => m.command);
}
