#!/usr/bin/env node
// `npm start`: a real Node-RED (the node-red devDependency) with this package installed into a user directory
// inside the repository (.node-red/, git-ignored) and the demo flow: ./inbox → OCR → ./outbox. The bundled samples
// are copied into ./inbox on first start. LOCAL_OCR_DEMO_DIR moves the three folders elsewhere (the tests do).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const root = path.resolve(__dirname, '..', '..');
const base = path.resolve(process.env.LOCAL_OCR_DEMO_DIR || root);
const userDir = path.join(base, '.node-red');
const inbox = path.join(base, 'inbox');
const outbox = path.join(base, 'outbox');

function installPackage() {
  const modules = path.join(userDir, 'node_modules');
  fs.mkdirSync(modules, { recursive: true });
  const pkgFile = path.join(userDir, 'package.json');
  if (!fs.existsSync(pkgFile)) {
    fs.writeFileSync(
      pkgFile,
      JSON.stringify({ name: 'local-ocr-demo', private: true, dependencies: { 'n8n-nodes-local-ocr': `file:${root}` } }, null, 2) + '\n',
    );
  }
  // what `npm install <folder>` does: a link, so the nodes run from this checkout's build
  const link = path.join(modules, 'n8n-nodes-local-ocr');
  if (!fs.existsSync(link)) fs.symlinkSync(root, link, 'dir');
}

function firstStart() {
  const flows = path.join(userDir, 'flows.json');
  if (!fs.existsSync(flows)) fs.copyFileSync(path.join(__dirname, 'inbox-to-spreadsheet.json'), flows);
  if (!fs.existsSync(inbox)) {
    fs.mkdirSync(inbox, { recursive: true });
    for (const name of fs.readdirSync(path.join(root, 'samples'))) fs.copyFileSync(path.join(root, 'samples', name), path.join(inbox, name));
  }
  fs.mkdirSync(outbox, { recursive: true });
}

if (!fs.existsSync(path.join(root, 'dist', 'nodes', 'node-red', 'ocr.js'))) {
  console.error('The package is not built: run `npm run build` (npm start does it for you).');
  process.exit(1);
}
installPackage();
firstStart();

const redJs = require.resolve('node-red/red.js');
const child = spawn(process.execPath, [redJs, '--userDir', userDir, '--settings', path.join(__dirname, 'settings.js')], {
  cwd: base,
  env: { ...process.env, LOCAL_OCR_DEMO_DIR: base },
  stdio: 'inherit',
});
console.log(
  `local-ocr demo: drop documents into ${inbox}; results appear in ${outbox} (editor: http://${process.env.LOCAL_OCR_HOST || '127.0.0.1'}:${process.env.PORT || 1880})`,
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGTERM' || signal === 'SIGINT' ? 0 : 1)));
