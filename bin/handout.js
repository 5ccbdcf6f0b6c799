#!/usr/bin/env node
'use strict';
// Runs the bundled CLI (dist/handout.cjs, made by `npm run build`) through V8's code cache:
// compiling the ~2 MB bundle is a large part of a cold start, so the first run saves the
// compiled code beside the bundle and later runs load it instead of compiling again.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, '..', 'dist', 'handout.cjs');
const cacheFile = `${file}.${process.version}.${process.arch}.v8cache`;
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  // No cache yet: this run compiles and writes one.
}
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
const mod = { exports: {}, filename: file, id: file, loaded: false };
script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));

mod.exports.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the run, so the cache holds the functions this command compiled too. Best effort:
    // a read-only install simply runs without it.
    try {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {}
  }
});
