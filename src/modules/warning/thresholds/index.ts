/** Static green / amber / red bands of a KRI, with hysteresis against flapping at a line. */
export type { HysteresisMargin, KriDirection, StaticThresholds } from './static-bands.js';
export { bandOf, bandsOf, thresholdProblems } from './static-bands.js';
