import {
  birthDateOf,
  checkIdNumber,
  checkUscc,
  checkVin,
  idCheckChar,
  luhn,
  repairUscc,
  sexOf,
  usccCheckChar,
  vinCheckDigit,
} from '../../src/extract/validators';

describe('Chinese resident ID number (GB 11643-1999, ISO 7064 MOD 11-2)', () => {
  test("the standard's examples pass", () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({ checksum: true, birthDate: true, region: true, valid: true });
    expect(checkIdNumber('440524188001010014').valid).toBe(true);
    expect(idCheckChar('11010519491231002')).toBe('X');
  });

  test('a wrong check character, an impossible date, an unknown region fail', () => {
    expect(checkIdNumber('110105194912310021')).toMatchObject({ checksum: false, valid: false });
    const feb30 = '1101051949023000' + '2';
    expect(checkIdNumber(feb30 + idCheckChar(feb30))).toMatchObject({ checksum: true, birthDate: false, valid: false });
    const region99 = '99010519491231002';
    expect(checkIdNumber(region99 + idCheckChar(region99))).toMatchObject({ checksum: true, region: false, valid: false });
    expect(checkIdNumber('1101051949123100')).toMatchObject({ valid: false });
  });

  test('birth date and sex come from the number', () => {
    expect(birthDateOf('11010519491231002X')).toBe('1949-12-31');
    expect(sexOf('11010519491231002X')).toBe('女');
    expect(sexOf('440524188001010014')).toBe('男');
  });
});

describe('Luhn', () => {
  test('published examples', () => {
    expect(luhn('79927398713')).toBe(true);
    expect(luhn('79927398710')).toBe(false);
    expect(luhn('4111111111111111')).toBe(true);
    expect(luhn('4111111111111112')).toBe(false);
  });
});

describe('VIN (ISO 3779 check digit)', () => {
  test('published examples', () => {
    expect(checkVin('1M8GDM9AXKP042788')).toBe(true);
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(checkVin('11111111111111111')).toBe(true);
    expect(checkVin('1M8GDM9A1KP042788')).toBe(false);
    expect(vinCheckDigit('1M8GDM9AXKP04278O')).toBeNull(); // O is not a VIN character
  });
});

describe('Unified social credit code (GB 32100-2015)', () => {
  test('published codes of real companies pass', () => {
    for (const code of ['914403001922038216', '91330100716105852F', '9144030071526726XG']) expect(checkUscc(code)).toBe(true);
    expect(usccCheckChar('91330100716105852')).toBe('F');
  });

  test('a changed character or a character outside the set fails', () => {
    expect(checkUscc('914403001922038217')).toBe(false);
    expect(checkUscc('91440300192203821I')).toBe(false);
  });

  test('O and I read for 0 and 1 are repaired only where the check character then holds', () => {
    expect(repairUscc('9144O3OO1922038216')).toBe('914403001922038216');
    expect(repairUscc('9I330100716105852F')).toBe('91330100716105852F');
    // a valid code, a code whose repair still fails, and one of another length stay as read
    expect(repairUscc('914403001922038216')).toBe('914403001922038216');
    expect(repairUscc('9144O3OO1922038217')).toBe('9144O3OO1922038217');
    expect(repairUscc('9144O3OO192203821')).toBe('9144O3OO192203821');
  });
});
