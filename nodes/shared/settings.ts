import {
  DEFAULT_MIN_CONFIDENCE,
  type DocumentType,
  type EngineName,
  type HuaweiCloudSettings,
  type LocalEngineName,
  type OutputMode,
  type PdfMode,
  type Progress,
  type RecognizeOptions,
} from '../../src';

/** When the nodes call Huawei Cloud OCR: never (default), for documents that need review, or for every document. */
export type CloudMode = 'off' | 'local-first' | 'always';
import { familyTypes, type Family } from './catalog';

/** A node's settings as both hosts hold them: n8n parameters and Node-RED node/config properties. */
export interface NodeSettings {
  family: Family;
  /** A type of the family, or `auto`; ignored by the General family. */
  type?: DocumentType | 'auto';
  /** The local engine; `huawei-cloud` / `local-first` also accepted here (a Node-RED msg.ocr override) */
  engine?: EngineName;
  cloudMode?: CloudMode;
  /** Credentials for the cloud modes (n8n credential, Node-RED config node credentials) */
  cloud?: HuaweiCloudSettings;
  /** `chi_sim+eng`, or a list */
  languages?: string | string[];
  pages?: string;
  pdfMode?: PdfMode;
  /** Per document; 0 or empty = the library default (120 s) */
  timeoutSeconds?: number;
  outputMode?: OutputMode;
  includeGeometry?: boolean;
  minConfidence?: number;
  password?: string;
  /** Also write the scan as a PDF with an invisible text layer (General: Make Searchable PDF) */
  searchablePdf?: boolean;
  /** Extract Tables: the tables as one file per document instead of one item per row */
  tableFile?: 'xlsx' | 'csv';
  /** JSON-lines file of documents already seen; empty = no duplicate detection */
  duplicateStore?: string;
}

/** Node settings → library options. Bad values throw a TypeError that names the setting. */
export function toRecognizeOptions(settings: NodeSettings, signal?: AbortSignal, onProgress?: (p: Progress) => void): RecognizeOptions {
  const type = documentType(settings);
  const options: RecognizeOptions = { type, signal, onProgress };
  // a family node's Auto chooses among that family's types only; General's Auto among every built type
  if (type === 'auto' && settings.family !== 'general') options.candidates = familyTypes(settings.family);
  Object.assign(options, engineOptions(settings));
  const languages = Array.isArray(settings.languages) ? settings.languages.join('+') : settings.languages;
  if (languages && languages.trim()) options.languages = languages;
  if (settings.pages && settings.pages.trim()) options.pages = settings.pages.trim();
  if (settings.pdfMode) options.pdfMode = settings.pdfMode;
  if (settings.timeoutSeconds !== undefined && settings.timeoutSeconds !== null && Number(settings.timeoutSeconds) !== 0) {
    const seconds = Number(settings.timeoutSeconds);
    if (!(seconds > 0)) throw new TypeError(`Timeout must be a positive number of seconds, got ${String(settings.timeoutSeconds)}.`);
    options.timeoutMs = Math.round(seconds * 1000);
  }
  if (settings.password) options.password = settings.password;
  if (settings.duplicateStore && settings.duplicateStore.trim()) options.duplicateStore = settings.duplicateStore.trim();
  // tables cost a pass over each page's pixels: looked for only when their rows are the output
  if (settings.outputMode === 'tableRow' || settings.tableFile) options.tables = true;
  if (settings.tableFile !== undefined && !['xlsx', 'csv'].includes(settings.tableFile))
    throw new TypeError(`Unknown table file format "${String(settings.tableFile)}": use xlsx or csv.`);
  return options;
}

/** The engine options for the cloud mode: the local engine stays the one chosen, the cloud reads after or instead. */
function engineOptions(settings: NodeSettings): Pick<RecognizeOptions, 'engine' | 'localEngine' | 'cloud' | 'minConfidence'> {
  const mode = settings.cloudMode ?? 'off';
  if (!['off', 'local-first', 'always'].includes(mode)) throw new TypeError(`Unknown cloud mode "${String(mode)}": use off, local-first or always.`);
  const engine = mode === 'always' ? 'huawei-cloud' : mode === 'local-first' ? 'local-first' : settings.engine;
  if (engine !== 'huawei-cloud' && engine !== 'local-first') return engine ? { engine } : {};
  if (!settings.cloud)
    throw new TypeError(
      'Huawei Cloud OCR needs credentials: select or create a "Huawei Cloud OCR API" credential (n8n) or fill them in the OCR engine configuration (Node-RED).',
    );
  const local = settings.engine && settings.engine !== 'huawei-cloud' && settings.engine !== 'local-first' ? (settings.engine as LocalEngineName) : undefined;
  return { engine, cloud: settings.cloud, minConfidence: minConfidence(settings), ...(engine === 'local-first' && local ? { localEngine: local } : {}) };
}

export function minConfidence(settings: NodeSettings): number {
  const value = settings.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new TypeError(`Minimum confidence must be between 0 and 1, got ${String(value)}.`);
  return value;
}

function documentType(settings: NodeSettings): DocumentType | 'auto' {
  if (settings.family === 'general') {
    if (settings.type === undefined || settings.type === 'general' || settings.type === 'auto') return settings.type ?? 'general';
    throw new TypeError(`Document type "${settings.type}" is not read by the general node: use general or auto, or the node of its family.`);
  }
  const offered = familyTypes(settings.family);
  const type = settings.type ?? 'auto';
  if (type === 'auto') {
    if (offered.length === 0) throw new TypeError(`No ${settings.family} document type is available yet.`);
    return 'auto';
  }
  if (!offered.includes(type)) throw new TypeError(`Document type "${type}" is not offered by the ${settings.family} node: use auto or ${offered.join(', ')}.`);
  return type;
}
