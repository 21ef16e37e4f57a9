// The goals kind's public model: goals with KPIs and check-ins over a period, their
// mutations and snapshot readers, and its descriptor for the registry of kinds.
export * from './period';
export * from './progress';
export * from './goals';
export * from './kpis';
export * from './read';
export * from './change-around';
export * from './kind';
