export * from './businessDays.js';
export type * from './context.js';
