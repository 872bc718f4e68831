import { registerExtractor } from './registry';
import { idCard } from './cards/idCard';
import { passport } from './cards/passport';
import { vatInvoice } from './receipts/vatInvoice';

/** Every extractor shipped; importing this module makes their types available. */
registerExtractor(idCard);
registerExtractor(passport);
registerExtractor(vatInvoice);
