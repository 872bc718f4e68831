export { checkIdNumber, idCheckChar, birthDateOf, sexOf, realDate, type IdNumberCheck } from './idNumber';
export { luhn } from './luhn';
export { checkVin, vinCheckDigit } from './vin';
export { checkUscc, repairUscc, usccCheckChar } from './uscc';
