// The document model: schema, mutations and snapshot readers for every doc kind.
export * from './errors';
export * from './origin';
export * from './ids';
export * from './doc';
export * from './order';
export * from './validate';
export * from './workspace';
export * from './boards';
export * from './goals';
export * from './feedback';
export * from './workshops';
export * from './kinds';
export * from './field-writes';
export * from './conflicts';
export * from './away';
export * from './clock-offsets';
