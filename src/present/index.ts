/**
 * The presentation layer: how every view (CLI text, reports, the web page) writes numbers and
 * words. It reads the engine's data and never computes an analysis itself; the engine never
 * imports it.
 */
export * from './numbers';
export * from './statements';
export * from './bottom-line';
export * from './bottom-line-text';
