#!/usr/bin/env node
'use strict';
// Runs the bundled CLI (dist/handout.cjs, made by `npm run build`) through V8's code cache.
const path = require('node:path');
const { loadBundle } = require('./code-cache.js');

// `handout batch` renders in worker threads: start them now, while the CLI loads (src/batch/start-workers.ts).
const workers = process.argv[2] === 'batch' ? require('../dist/start-workers.cjs') : undefined;
const batchWorkers = workers?.startBatchWorkers(workers.workersWanted(process.argv.slice(3)));
const cli = loadBundle(path.join(__dirname, '..', 'dist', 'handout.cjs'), workers?.COMPILER_TAG);
cli.exports.main(process.argv.slice(2), cli.exports.processIO({ batchWorkers })).then((code) => {
  process.exitCode = code;
  cli.saveCache();
});
