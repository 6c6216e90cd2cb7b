/**
 * Binning of scorecard variables: fine classing by quantiles, coarse classing by ChiMerge, decision
 * tree or optimal monotonic grouping, manual edits, and the mapping of rows to bins and WOE.
 */
export { assignBins, woeEncode } from './assign-bins.js';
export { binCategorical, type CategoricalBinningOptions } from './bin-categorical.js';
export { binNumeric, type NumericBinningOptions } from './bin-numeric.js';
export {
  type Binning,
  type BinningMethod,
  type CategoricalBinning,
  type NumericBinning,
  type Trend,
  trendOf,
} from './binning.js';
export { type BinningOptions, DEFAULT_BINNING_OPTIONS, resolveBinningOptions } from './binning-options.js';
export { niceEdge } from './fine-classes.js';
