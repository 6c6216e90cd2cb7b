import type { Band, Outcome, Severity } from '../api/types.js';

/**
 * The console's colours for bands, severities and outcomes. Chosen to stay apart for the common
 * colour-vision deficiencies, and every colour is paired with a text label wherever it is used.
 */
export const BAND_COLOURS: Readonly<Record<Band, string>> = {
  green: '#2e7d32',
  amber: '#b26a00',
  red: '#c62828',
};

export const SEVERITY_COLOURS: Readonly<Record<Severity, string>> = {
  low: '#5c7c99',
  medium: '#b26a00',
  high: '#d84315',
  critical: '#b71c1c',
};

/** Heat-map cell fills by level: light enough for dark count labels. */
export const LEVEL_FILLS: Readonly<Record<Severity, string>> = {
  low: '#c8e6c9',
  medium: '#fff0b3',
  high: '#ffcc99',
  critical: '#f4a6a6',
};

export const OUTCOME_COLOURS: Readonly<Record<Outcome, string>> = {
  approve: '#2e7d32',
  review: '#b26a00',
  reject: '#c62828',
};
