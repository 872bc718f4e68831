import type { NodeAPI } from './shared/red';
import { registerOcrNode } from './shared/ocr-node';
import { serveCatalog } from './shared/catalog-endpoint';

/** The OCR nodes, one per capability family, as Node-RED core registers related nodes from one file. */
export = function register(RED: NodeAPI): void {
  registerOcrNode(RED, 'ocr-general', 'general');
  registerOcrNode(RED, 'ocr-card', 'card');
  registerOcrNode(RED, 'ocr-receipt', 'receipt');
  registerOcrNode(RED, 'ocr-domain', 'domain');
  serveCatalog(RED);
};
