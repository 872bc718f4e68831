import { shutdown } from '../../../src';

/**
 * Engines are process-wide and shared by every OCR node. They stop when the last OCR node closes (a redeploy or a
 * node removed), so no worker outlives the flows that used it; the next message starts them again.
 */
let users = 0;

export function useEngines(): () => Promise<void> {
  users++;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    users--;
    if (users === 0) await shutdown();
  };
}

export function engineUsers(): number {
  return users;
}
