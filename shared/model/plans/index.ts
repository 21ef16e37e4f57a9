// The plans kind's public model: plan items (releases, campaigns, initiatives) with their dates
// or horizon, links to goals and feedback, milestones, dependencies and slip flags, the facts it
// shares with other kinds, and its descriptor.
export * from './schema';
export * from './items';
export * from './links';
export * from './dependencies';
export * from './flags';
export * from './graph';
export * from './read';
export * from './kind';
