/**
 * pdfjs-dist's legacy build (the one that runs on Node) bundles core-js, which on import *replaces* built-ins it
 * finds lacking in the running engine. On Node 20 that is JSON.parse and JSON.stringify (for the JSON source-text
 * proposal: a JSON round trip becomes ~3× slower), Array.prototype.push and Function.prototype.toString, and it
 * defines a browser-style global `self`. Left alone, that would change the whole host process: n8n or Node-RED and
 * every other node running in it. So pdf.js is loaded inside `keepingBuiltIns`, which puts every replaced built-in
 * back afterwards and removes `self`. What core-js only *adds* where missing (Promise.withResolvers,
 * Uint8Array.fromBase64, Set methods, iterator helpers, ...) stays: pdf.js calls those, and a method that did not
 * exist before changes nothing the host's code relies on.
 */
export async function keepingBuiltIns<T>(load: () => Promise<T>): Promise<T> {
  const before = snapshot();
  const hadSelf = Object.prototype.hasOwnProperty.call(globalThis, 'self');
  try {
    return await load();
  } finally {
    restore(before);
    if (!hadSelf) delete (globalThis as Record<string, unknown>).self;
  }
}

type Saved = Array<{ holder: object; key: PropertyKey; descriptor: PropertyDescriptor }>;

/**
 * Every function-valued own property (method, constructor) of the global object, of each built-in it holds and of
 * that built-in's prototype. Only functions: other values, such as a global variable the host sets while pdf.js
 * is loading, are the host's business and are left as they become.
 */
function snapshot(): Saved {
  const saved: Saved = [];
  const seen = new Set<object>();
  const keep = (holder: object) => {
    if (seen.has(holder)) return;
    seen.add(holder);
    for (const key of Reflect.ownKeys(holder)) {
      const descriptor = Object.getOwnPropertyDescriptor(holder, key);
      if (typeof descriptor?.value === 'function') saved.push({ holder, key, descriptor });
    }
  };
  keep(globalThis);
  const typedArray = Object.getPrototypeOf(Uint8Array) as { prototype: object };
  const holders: unknown[] = [typedArray, typedArray.prototype];
  for (const key of Reflect.ownKeys(globalThis)) {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, key);
    // only plain values: reading an accessor would wake Node's lazily loaded globals for nothing
    const value: unknown = descriptor && 'value' in descriptor ? descriptor.value : undefined;
    if (value === globalThis) continue;
    holders.push(value);
    if (typeof value === 'function' && value.prototype) holders.push(value.prototype);
  }
  for (const h of holders) if (h && (typeof h === 'object' || typeof h === 'function')) keep(h as object);
  return saved;
}

/** Puts back the functions that were replaced (by a value or an accessor) or removed. */
function restore(saved: Saved): void {
  for (const { holder, key, descriptor } of saved) {
    if (Object.getOwnPropertyDescriptor(holder, key)?.value === descriptor.value) continue;
    try {
      Object.defineProperty(holder, key, descriptor);
    } catch {
      // a property made non-configurable in between cannot be put back; nothing else depends on this one
    }
  }
}
