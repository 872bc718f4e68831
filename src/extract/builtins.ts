import { registerExtractor } from './registry';
import { idCard } from './cards/idCard';
import { passport } from './cards/passport';
import { driverLicense } from './cards/driverLicense';
import { vehicleLicense } from './cards/vehicleLicense';
import { bankCard } from './cards/bankCard';
import { businessLicense } from './cards/businessLicense';
import { vatInvoice } from './receipts/vatInvoice';
import { receipt } from './receipts/receipt';
import { vehicleSalesInvoice } from './receipts/vehicleSalesInvoice';
import { medicalInvoice } from './receipts/medicalInvoice';
import { waybill } from './domain/waybill';
import { labReport } from './domain/labReport';

/** Every extractor shipped; importing this module makes their types available. */
registerExtractor(idCard);
registerExtractor(passport);
registerExtractor(driverLicense);
registerExtractor(vehicleLicense);
registerExtractor(bankCard);
registerExtractor(businessLicense);
registerExtractor(vatInvoice);
registerExtractor(vehicleSalesInvoice);
registerExtractor(medicalInvoice);
registerExtractor(receipt);
registerExtractor(waybill);
registerExtractor(labReport);
