import { DEFAULT_MIN_CONFIDENCE } from '../../../src';
import { CLOUD_MODE_CHOICES, ENGINE_CHOICES, FAMILIES, LANGUAGE_CHOICES, PDF_MODE_CHOICES, familyModes, typeChoices, type Family } from '../../shared/catalog';
import type { NodeAPI } from './red';

/**
 * The editor reads its choices from the runtime (GET /local-ocr/catalog/<family>) so the Node-RED editor and the
 * n8n node offer exactly what the library can do, from one definition.
 */
const served = new WeakSet<object>();

export function serveCatalog(RED: NodeAPI): void {
  if (served.has(RED.httpAdmin)) return;
  served.add(RED.httpAdmin);
  RED.httpAdmin.get('/local-ocr/catalog/:family', (req, res) => {
    const family = (req as { params?: { family?: string } }).params?.family as Family;
    if (!(family in FAMILIES)) return res.json({ error: `unknown family ${String(family)}` });
    res.json({
      types: typeChoices(family),
      modes: familyModes(family),
      engines: ENGINE_CHOICES,
      languages: LANGUAGE_CHOICES,
      pdfModes: PDF_MODE_CHOICES,
      cloudModes: CLOUD_MODE_CHOICES,
      minConfidence: DEFAULT_MIN_CONFIDENCE,
    });
  });
}
