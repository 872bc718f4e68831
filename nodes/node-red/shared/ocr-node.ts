import { describeError, runDocument } from '../../shared/run';
import type { Family } from '../../shared/catalog';
import type { NodeSettings } from '../../shared/settings';
import { useEngines } from './lifecycle';
import { payloadToInput } from './payload';
import type { Done, EngineConfigNode, Node, NodeAPI, NodeMessage, Send } from './red';

/** What the editor stores for an OCR node (see the node's .html defaults). */
export interface OcrNodeConfig {
  name?: string;
  engine?: string;
  /** the document type (`type` is the node's own) */
  docType?: NodeSettings['type'];
  outputMode?: NodeSettings['outputMode'];
  includeGeometry?: boolean;
  minConfidence?: number | string;
  reviewOutput?: boolean;
  keepDocument?: boolean;
  pages?: string;
  pdfMode?: NodeSettings['pdfMode'];
  duplicateStore?: string;
  /** also send the tables as a file in msg.tablesFile */
  tableFile?: '' | 'xlsx' | 'csv';
  /** the General node: also send the scan as a searchable PDF in msg.searchablePdf */
  searchablePdf?: boolean;
}

/** Per-message overrides a flow may set in `msg.ocr`. */
const OVERRIDES = ['type', 'pages', 'languages', 'engine', 'pdfMode', 'password'] as const;

/** Registers one OCR node type of a family: msg.payload in, the same items as the n8n node out. */
export function registerOcrNode(RED: NodeAPI, type: string, family: Family): void {
  function OcrNode(this: Node, config: OcrNodeConfig) {
    RED.nodes.createNode(this, config);
    const node = this;
    const engine = config.engine ? (RED.nodes.getNode(config.engine) as EngineConfigNode | null) : null;
    const release = useEngines();
    const running = new Map<AbortController, Promise<void>>();

    const showStatus = (text: string, fill: 'blue' | 'yellow' | 'green' | 'red', shape: 'dot' | 'ring' = 'dot') => node.status({ fill, shape, text });

    node.on('input', (msg: NodeMessage, send: Send, done: Done) => {
      const controller = new AbortController();
      if (running.size > 0) showStatus(`queued (${running.size + 1})`, 'yellow', 'ring');
      const work = handle(msg, send, done, controller.signal).finally(() => running.delete(controller));
      running.set(controller, work);
    });

    async function handle(msg: NodeMessage, send: Send, done: Done, signal: AbortSignal): Promise<void> {
      try {
        const settings = settingsFor(msg);
        const input = payloadToInput(msg.payload);
        const run = await runDocument(input, settings, {
          signal,
          onProgress: (p) => showStatus(`page ${p.done} of ${p.total}`, 'blue'),
        });
        const messages = toMessages(msg, run.items, settings.outputMode ?? 'document', RED.util.cloneMessage);
        if (config.keepDocument) for (const m of messages) m.document = msg.payload;
        if (run.tables) for (const m of messages) Object.assign(m, { tablesFile: run.tables.data, tablesFileType: run.tables.extension });
        if (run.pdf) for (const m of messages) m.searchablePdf = run.pdf;
        const route = config.reviewOutput && run.needsReview ? [null, messages] : [messages, null];
        send(config.reviewOutput ? route : [messages]);
        const confidence = typeof run.items[0]?.confidence === 'number' ? run.items[0].confidence : undefined;
        if (running.size <= 1)
          showStatus(
            run.needsReview ? 'done · needs review' : `done${confidence !== undefined ? ` · ${confidence}` : ''}`,
            run.needsReview ? 'yellow' : 'green',
          );
        done();
      } catch (err) {
        const { code, message } = describeError(err);
        showStatus(code, 'red', 'ring');
        done(Object.assign(new Error(message), { name: 'OcrError', code }));
      }
    }

    function settingsFor(msg: NodeMessage): NodeSettings {
      const settings: NodeSettings = {
        family,
        type: config.docType ?? (family === 'general' ? 'general' : 'auto'),
        engine: engine?.settings.engine,
        cloudMode: engine?.settings.cloudMode,
        cloud: engine?.settings.cloud,
        languages: engine?.settings.languages,
        timeoutSeconds: engine?.settings.timeoutSeconds,
        outputMode: config.outputMode ?? 'document',
        includeGeometry: config.includeGeometry ?? false,
        minConfidence: config.minConfidence === undefined || config.minConfidence === '' ? undefined : Number(config.minConfidence),
        pages: config.pages,
        pdfMode: config.pdfMode,
        duplicateStore: config.duplicateStore,
        tableFile: config.tableFile || undefined,
        searchablePdf: family === 'general' && config.searchablePdf === true,
      };
      const overrides = msg.ocr;
      if (overrides !== undefined && (overrides === null || typeof overrides !== 'object'))
        throw new TypeError('msg.ocr must be an object such as { "pages": "1-2" }.');
      for (const key of OVERRIDES) {
        const value = (overrides as Record<string, unknown> | undefined)?.[key];
        if (value !== undefined) (settings as unknown as Record<string, unknown>)[key] = value;
      }
      return settings;
    }

    node.on('close', (_removed: boolean, closed: () => void) => {
      for (const controller of running.keys()) controller.abort();
      void Promise.allSettled([...running.values()])
        .then(() => release())
        .catch((err: unknown) => node.warn(`OCR engines did not stop cleanly: ${String(err)}`))
        .finally(() => {
          node.status({});
          closed();
        });
    });
  }
  RED.nodes.registerType(type, OcrNode as (this: Node, config: never) => void);
}

/** One message in document mode; otherwise one per item with msg.parts, so a join node reassembles them. */
function toMessages(msg: NodeMessage, items: Array<Record<string, unknown>>, mode: string, clone: <T extends NodeMessage>(m: T) => T): NodeMessage[] {
  if (mode === 'document') return [{ ...msg, payload: items[0] }];
  const id = msg._msgid ?? `${Date.now()}-${Math.random()}`;
  // each part is its own message (a flow may change one without touching the others); the document is not cloned
  const base: NodeMessage = { ...msg, payload: undefined };
  return items.map((payload, index) => {
    const parts = { id, index, count: items.length, type: 'array' as const, ...(msg.parts ? { parts: msg.parts } : {}) };
    return { ...clone(base), payload, parts };
  });
}
