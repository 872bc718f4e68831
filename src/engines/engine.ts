import type { Line, Table } from '../result';
import type { PageImage } from '../types/pageImage';

export interface EngineRequest {
  languages: string[];
  detectOrientation: boolean;
  signal?: AbortSignal;
}

/** What an engine returns for one page; geometry is in pixels of the upright page. */
export interface EnginePage {
  lines: Line[];
  /** 0/90/180/270: how far the page was turned (clockwise) to read it upright. */
  rotation: number;
  /** Small deskew angle applied, in degrees. */
  skew: number;
  width: number;
  height: number;
  warnings: string[];
  /** engine-internal stages in ms (paddle: det, cls, rec), added to the result's timings */
  timings?: Record<string, number>;
  /** Tables the engine read itself (a cloud table API); local engines leave them to src/tables. */
  tables?: Table[];
}

export type ConcreteEngine = 'tesseract' | 'paddle' | 'huawei-cloud';

/** Both engines implement this, so nothing above the engine knows which one ran. */
export interface OcrEngine {
  readonly name: ConcreteEngine;
  /** The engine finds tables itself (EnginePage.tables): the page is read as it is, without painting rules out. */
  readonly providesTables?: boolean;
  recognizePage(image: PageImage, request: EngineRequest): Promise<EnginePage>;
  close(): Promise<void>;
}
