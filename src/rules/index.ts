export * from './agenda.js';
export * from './businessDays.js';
export * from './checkInCadence.js';
export type * from './context.js';
export * from './drafts.js';
export * from './funnel.js';
export * from './importPlan.js';
export * from './networkIndex.js';
// Named: outreachRetry.js also holds the agenda's internal `outreachStep`.
export {
  directAttempts,
  nextOutreachStep,
  outreachStatus,
  secondContactView,
  suggestSecondContact,
  type OutreachStep,
  type OutreachStopReason,
  type SecondContactSuggestion,
  type SecondContactView,
} from './outreachRetry.js';
export * from './preparation.js';
export * from './referralChain.js';
export * from './thankYouDeadline.js';
