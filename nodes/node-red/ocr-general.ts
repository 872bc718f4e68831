import type { NodeAPI } from './shared/red';
import { registerOcrNode } from './shared/ocr-node';
import { serveCatalog } from './shared/catalog-endpoint';

export = function register(RED: NodeAPI): void {
  registerOcrNode(RED, 'ocr-general', 'general');
  serveCatalog(RED);
};
