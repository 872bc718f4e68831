// Node-RED settings for the local-ocr demo (`npm start`). The folders come from start.js through the environment.
const path = require('node:path');

const base = process.env.LOCAL_OCR_DEMO_DIR || process.cwd();

module.exports = {
  // the editor answers on this machine only, unless asked otherwise
  uiHost: process.env.LOCAL_OCR_HOST || '127.0.0.1',
  uiPort: Number(process.env.PORT || 1880),
  flowFile: 'flows.json',
  credentialSecret: false,
  functionGlobalContext: {
    fs: require('node:fs'),
    path,
    ExcelJS: require('exceljs'),
    ocrDemo: { inbox: path.join(base, 'inbox'), outbox: path.join(base, 'outbox') },
  },
  logging: { console: { level: process.env.LOCAL_OCR_LOG_LEVEL || 'info', metrics: false, audit: false } },
  editorTheme: { tours: false, projects: { enabled: false } },
  diagnostics: { enabled: false },
  runtimeState: { enabled: false },
  telemetry: { enabled: false },
};
