export { toItems, OUTPUT_MODES, type OutputMode, type OutputSettings, type Item, type Shaped } from './items';
export { reviewReasons, textConfidence } from './review';
export { DEFAULT_MIN_CONFIDENCE } from '../options';
