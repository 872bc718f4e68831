import { registerExtractor } from './registry';
import { idCard } from './cards/idCard';

/** Every extractor shipped; importing this module makes their types available. */
registerExtractor(idCard);
