// After tsc: copy what the compiler does not, node icons and the Node-RED editor files, into dist/.
const { src, dest, parallel } = require('gulp');

function nodeAssets() {
  return src(['nodes/**/*.{svg,png,html,json}', '!nodes/**/*.test.*'], { allowEmpty: true, encoding: false }).pipe(dest('dist/nodes'));
}

function credentialAssets() {
  return src('credentials/**/*.{svg,png}', { allowEmpty: true, encoding: false }).pipe(dest('dist/credentials'));
}

exports.build = parallel(nodeAssets, credentialAssets);
exports.default = exports.build;
