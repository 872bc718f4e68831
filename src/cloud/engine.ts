import type { EnginePage, EngineRequest, OcrEngine } from '../engines/engine';
import type { PageImage } from '../types/pageImage';
import type { HuaweiOcrClient } from './huawei/client';
import { fromRegions, linesFromBlocks } from './huawei/text';
import { pageUpload } from './huawei/upload';

/** general-text and general-table take pages up to 8192 px a side (30000 documented; smaller uploads are faster). */
const MAX_SIDE = 8192;

/**
 * Huawei Cloud general-text as an OcrEngine: a page's pixels in, lines with boxes and confidence out, so the
 * pipeline above (reading order, extractors, output modes) is the same as with the local engines. With tables
 * asked for it calls general-table instead, which returns the lines and the tables' cells in one answer.
 */
export class HuaweiTextEngine implements OcrEngine {
  readonly name = 'huawei-cloud' as const;
  readonly providesTables: boolean;

  constructor(
    private readonly client: HuaweiOcrClient,
    tables: boolean,
  ) {
    this.providesTables = tables;
  }

  async recognizePage(image: PageImage, request: EngineRequest): Promise<EnginePage> {
    const upload = await pageUpload(image, MAX_SIDE);
    const page = { rotation: 0, skew: 0, width: image.width, height: image.height, warnings: [] as string[] };
    if (this.providesTables) {
      const result = (await this.client.call('general-table', { image: upload.image }, request.signal)) as { words_region_list?: unknown } | null;
      const { lines, tables } = fromRegions(result?.words_region_list, upload.factor);
      return { ...page, lines, tables };
    }
    // the service reads any angle and reports its blocks in the pixels sent: the page keeps rotation 0
    const result = (await this.client.call('general-text', { image: upload.image, detect_direction: request.detectOrientation }, request.signal)) as {
      words_block_list?: unknown;
    } | null;
    return { ...page, lines: linesFromBlocks(result?.words_block_list, upload.factor) };
  }

  async close(): Promise<void> {
    // nothing held: each page is one HTTPS request
  }
}
