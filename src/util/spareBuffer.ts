/**
 * One large buffer kept for reuse. On this kind of machine a page fault costs ~14 µs, so filling tens of MB of
 * fresh memory costs ~90 ms where the same fill into a buffer already touched takes a few: the detector's input
 * (~21 MB on A4) and a page's pixels sent to a paddle worker (~26 MB) are each written into one kept buffer.
 * It is lent to one user at a time; whoever finds it lent or too small gets a new buffer, and the larger of the
 * two is kept when they come back, up to `maxBytes` so one huge page does not stay resident for good.
 */
export class SpareBuffer {
  private spare: ArrayBuffer | null = null;

  constructor(private readonly maxBytes: number) {}

  /** A buffer of at least `byteLength` bytes: the kept one if it is free and large enough, else a new one. */
  take(byteLength: number): ArrayBuffer {
    const spare = this.spare;
    if (spare && spare.byteLength >= byteLength) {
      this.spare = null;
      return spare;
    }
    return new ArrayBuffer(byteLength);
  }

  /** Hands a buffer back once nothing reads or writes it any more. */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength > this.maxBytes) return;
    if (!this.spare || buffer.byteLength > this.spare.byteLength) this.spare = buffer;
  }
}
