// The workshops kind's public model: sticky notes on a canvas, clusters, dot voting, the shared
// timer and facilitation, their snapshot readers, and its descriptor for the registry of kinds.
export * from './schema';
export * from './timer';
export * from './notes';
export * from './clusters';
export * from './voting';
export * from './facilitation';
export * from './read';
export * from './kind';
