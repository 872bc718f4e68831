export { toItems, OUTPUT_MODES, type OutputMode, type OutputSettings, type Item, type Shaped } from './items';
export { reviewReasons, textConfidence, DEFAULT_MIN_CONFIDENCE } from './review';
