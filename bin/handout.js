#!/usr/bin/env node
'use strict';
// Runs the bundled CLI (dist/handout.cjs, made by `npm run build`) through V8's code cache.
const path = require('node:path');
const { loadBundle } = require('./code-cache.js');

const batchWorkers = process.argv[2] === 'batch' ? require('./batch-workers.js').startBatchWorkers(process.argv.slice(3)) : undefined;
const cli = loadBundle(path.join(__dirname, '..', 'dist', 'handout.cjs'));
cli.exports.main(process.argv.slice(2), { batchWorkers }).then((code) => {
  process.exitCode = code;
  cli.saveCache();
});
