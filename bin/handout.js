#!/usr/bin/env node
'use strict';
// Runs the bundled CLI (dist/handout.cjs, made by `npm run build`) through V8's code cache.
const path = require('node:path');
const { loadBundle } = require('./code-cache.js');

// `handout batch` renders in worker threads: start them now, while the CLI loads (src/batch/start-workers.ts).
const workers = process.argv[2] === 'batch' ? require('../dist/start-workers.cjs') : undefined;
const batchWorkers = workers?.startBatchWorkers(workers.workersWanted(process.argv.slice(3)));
// `generate` and `plan` make one sheet (or plan) and exit, before code V8's optimizing compiler
// would compile (on another thread) pays off: without it, a cold generate on a busy two-core
// machine takes a tenth less time. (src/cli/one-shot.ts tunes their validation likewise.) V8 keeps
// code caches per set of flags: these commands load through a cache of their own.
const oneShot = process.argv[2] === 'generate' || process.argv[2] === 'plan';
if (oneShot) require('node:v8').setFlagsFromString('--no-opt');
const cli = loadBundle(path.join(__dirname, '..', 'dist', 'handout.cjs'), workers?.COMPILER_TAG ?? (oneShot ? 'one-shot' : undefined));
cli.exports.main(process.argv.slice(2), cli.exports.processIO({ batchWorkers })).then((code) => {
  process.exitCode = code;
  cli.saveCache();
});
