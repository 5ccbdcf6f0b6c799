'use strict';
// Loads one of the CommonJS bundles of dist/ through V8's code cache. Compiling a ~2 MB bundle is
// a large part of a cold start (of the CLI, and of every batch worker thread), so the compiled
// code is saved beside the bundle, once, and later loads read it instead of compiling again.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');
const { isAscii } = require('node:buffer');

/**
 * Runs `file` (a CommonJS bundle); `saveCache()` writes its code cache when none was usable. V8
 * refuses a cache made under other compiler flags: `tag` names the flags set (src/batch/start-workers.ts),
 * so each set keeps its own cache instead of the two replacing each other.
 */
exports.loadBundle = function loadBundle(file, tag) {
  const cacheFile = `${file}.${tag ? `${tag}.` : ''}${process.version}.${process.arch}.v8cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // No cache yet: this run compiles, and saveCache() writes one.
  }
  // esbuild writes ASCII (non-ASCII characters as escapes) except in regular expressions and tagged
  // templates; an ASCII bundle is read as Latin-1, which is a copy, where UTF-8 decoding took ~7 ms.
  const bytes = fs.readFileSync(file);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  let saved = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: mod.exports,
    /**
     * Call after real work, so the cache also holds the functions that work compiled. Best effort:
     * a read-only install simply runs without a cache.
     */
    saveCache() {
      if (saved) return;
      saved = true;
      try {
        const tmp = `${cacheFile}.${process.pid}.${require('node:worker_threads').threadId}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {}
    },
  };
};
