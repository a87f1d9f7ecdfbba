#!/usr/bin/env node
'use strict';
// Compile cache (node >= 22.1) makes every later start faster; harmless where absent.
require('node:module').enableCompileCache?.();
require('../dist/proxylint.js').main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`proxylint: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
