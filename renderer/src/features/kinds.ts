// The registry of board kinds on screen: the one list the workspace, sidebar, search and
// runtime read. Its keys are the model's kinds (shared/model/kinds.ts); a new kind adds its
// folder under features/ and one line here.
import { BOARD_KIND_IDS, type BoardKind } from '../../../shared/model/kinds';
import type { BoardFeature } from './board-feature';
import { feedbackFeature } from './feedback';
import { goalsFeature } from './goals';
import { meetingsFeature } from './meetings';
import { plansFeature } from './plans';
import { workshopsFeature } from './workshops';

export const BOARD_FEATURES: { readonly [K in BoardKind]: BoardFeature } = {
  goals: goalsFeature,
  feedback: feedbackFeature,
  meetings: meetingsFeature,
  workshops: workshopsFeature,
  plans: plansFeature,
};

/** The features in the registry's order (the sidebar's and search's). */
export const boardFeatures = (): readonly (readonly [BoardKind, BoardFeature])[] => BOARD_KIND_IDS.map((kind) => [kind, BOARD_FEATURES[kind]] as const);
