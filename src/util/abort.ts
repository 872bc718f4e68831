import { OcrError } from '../errors';

/** Throws the contract's TIMEOUT error if the caller's signal has fired (a cancelled execution or a timeout). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

export function abortReason(signal: AbortSignal): OcrError {
  const reason: unknown = signal.reason;
  if (reason instanceof OcrError) return reason;
  return new OcrError('TIMEOUT', 'Recognition was cancelled before it finished.');
}

/**
 * One signal that fires on the caller's signal or after `timeoutMs`, whichever comes first.
 * `dispose` clears the timer so a finished document does not keep the event loop alive.
 */
export function deadlineSignal(timeoutMs: number | undefined, parent?: AbortSignal): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onParentAbort = () =>
    controller.abort(parent?.reason instanceof OcrError ? parent.reason : new OcrError('TIMEOUT', 'Recognition was cancelled before it finished.'));
  if (parent) {
    if (parent.aborted) onParentAbort();
    else parent.addEventListener('abort', onParentAbort, { once: true });
  }
  let timer: NodeJS.Timeout | undefined;
  if (timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs)) {
    timer = setTimeout(() => {
      controller.abort(
        new OcrError(
          'TIMEOUT',
          `Recognition took longer than the ${timeoutMs} ms allowed per document. Raise the timeout, select fewer pages, or send a smaller image.`,
        ),
      );
    }, timeoutMs);
    timer.unref?.();
  }
  return {
    signal: controller.signal,
    dispose: () => {
      if (timer) clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

/** Races a promise against the signal, so a caller is answered promptly even if the work cannot be interrupted. */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
