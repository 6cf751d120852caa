// `reachout/ical`: the agenda as iCalendar (calendar.ts).
export * from './calendar.js';
