import { OcrError } from '../errors';
import type { PageImage } from '../types/pageImage';
import type { Extraction } from '../extract/registry';
import { fieldChecks } from './checks';
import type { HuaweiOcrClient } from './huawei/client';
import type { TypedApi } from './huawei/fields';
import { pageUpload } from './huawei/upload';

/**
 * The confidence of a field the service returned without one (most APIs report none unless asked): above the
 * default review threshold, so such a field goes to review only through a failed check.
 */
export const UNREPORTED_CONFIDENCE = 0.9;

/** A typed document read by the service's own API for its type, with our checks computed on its fields. */
export async function cloudExtraction(client: HuaweiOcrClient, api: TypedApi, page: PageImage, signal?: AbortSignal): Promise<Extraction> {
  const upload = await pageUpload(page, api.maxSide);
  const answer = await client.call(api.api, { image: upload.image, ...api.options }, signal);
  if (!answer || typeof answer !== 'object')
    throw new OcrError('ENGINE_FAILED', `Huawei Cloud OCR (${api.api}) answered with an empty result. Try again, or check the document type.`);
  const { fields, confidence } = api.map(answer as Record<string, unknown>);
  const present = Object.entries(fields).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0));
  if (present.length === 0) {
    throw new OcrError(
      'NO_TEXT_FOUND',
      `Huawei Cloud OCR found no ${api.type} fields on the page. Check that the image shows the document and that the document type is right.`,
    );
  }
  const fieldConfidence: Record<string, number> = {};
  for (const [name] of present) fieldConfidence[name] = Math.round((confidence[name] ?? UNREPORTED_CONFIDENCE) * 1000) / 1000;
  const { checks, warnings } = fieldChecks(api.type, fields);
  return { fields, fieldConfidence, checks, warnings };
}
