'use strict';
// A `handout batch` worker thread (started by src/batch/render-pool.ts): the bundled renderer,
// dist/batch-worker.cjs, loaded through V8's code cache like the CLI (see code-cache.js). The
// renderer saves the cache itself, once it has rendered a few sheets.
const path = require('node:path');
const { loadBundle } = require('./code-cache.js');

const worker = loadBundle(path.join(__dirname, '..', 'dist', 'batch-worker.cjs'));
worker.exports.start(worker.saveCache);
