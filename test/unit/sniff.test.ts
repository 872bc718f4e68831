import { sniff } from '../../src/input/sniff';

const bytes = (...b: number[]) => Buffer.from(b);

describe('sniff: formats from magic bytes, never names', () => {
  test.each([
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0), 'image/jpeg'],
    ['tiff', bytes(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0), 'image/tiff'],
    ['tiff', bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8), 'image/tiff'],
    ['webp', Buffer.concat([Buffer.from('RIFF'), bytes(0, 0, 0, 0), Buffer.from('WEBPVP8 ')]), 'image/webp'],
    ['gif', Buffer.from('GIF89a\x01\x00'), 'image/gif'],
    ['pdf', Buffer.from('%PDF-1.7\n'), 'application/pdf'],
    ['zip', bytes(0x50, 0x4b, 0x03, 0x04, 0), 'application/zip'],
  ])('%s', (format, buf, mime) => {
    expect(sniff(buf)).toEqual({ format, mimeType: mime });
  });

  test('BMP needs a plausible DIB header, not just "BM"', () => {
    const bmp = Buffer.alloc(30);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(40, 14);
    expect(sniff(bmp)?.format).toBe('bmp');
    expect(sniff(Buffer.from('BMW owners manual, chapter one, page two'))).toBeNull();
  });

  test('a PDF header after some junk still counts', () => {
    expect(sniff(Buffer.concat([Buffer.from('garbage\r\n'), Buffer.from('%PDF-1.4')]))?.format).toBe('pdf');
  });

  test('text and random bytes are not documents', () => {
    expect(sniff(Buffer.from('hello world, this is text'))).toBeNull();
    expect(sniff(bytes(1, 2, 3, 4, 5, 6, 7, 8))).toBeNull();
    expect(sniff(Buffer.alloc(0))).toBeNull();
  });
});
