// The document model: schema, mutations and snapshot readers for every doc kind.
export * from './errors';
export * from './origin';
export * from './ids';
export * from './doc';
export * from './order';
export * from './period';
export * from './progress';
export * from './validate';
export * from './workspace';
export * from './goals';
export * from './kpis';
export * from './goals-read';
