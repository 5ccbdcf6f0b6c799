#!/usr/bin/env node
'use strict';
// Runs the bundled, compiled CLI (dist/handout.cjs, made by `npm run build`).
require('../dist/handout.cjs')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
