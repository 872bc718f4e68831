import { SpareBuffer } from '../../src/util/spareBuffer';

test('a kept buffer is lent to one user at a time, the larger kept, none above the bound', () => {
  const spare = new SpareBuffer(1000);
  const a = spare.take(100);
  expect(a.byteLength).toBe(100);
  spare.give(a);
  expect(spare.take(80)).toBe(a); // large enough: the same memory again
  expect(spare.take(80)).not.toBe(a); // lent: a new one
  spare.give(a);
  const b = spare.take(400); // too small: a new one, and the kept one stays
  expect(b).not.toBe(a);
  spare.give(b);
  expect(spare.take(100)).toBe(b); // the larger of the two was kept
  spare.give(new ArrayBuffer(2000)); // above the bound: not kept
  expect(spare.take(1500).byteLength).toBe(1500);
});
