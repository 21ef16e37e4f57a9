// The meetings kind's public model: meetings with agendas, notes, decisions and action items,
// recurring series that roll open action items over, the KPI review draft, and its descriptor.
export * from './schema';
export * from './meetings';
export * from './agenda';
export * from './decisions';
export * from './action-items';
export * from './series';
export * from './draft';
export * from './read';
export * from './kind';
