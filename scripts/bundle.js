#!/usr/bin/env node
// Bundles the CLI into one file (dist/proxylint.js): node resolves and compiles one module
// instead of ~180, which is most of a one-file run's cost. Libraries only some runs need
// (ajv and yaml for config files, diff for --diff, yargs for help and the commands other than
// lint) stay external and load on demand.
'use strict';
const path = require('node:path');
require('esbuild')
  .build({
    entryPoints: [path.join(__dirname, '..', 'src', 'cli', 'main.ts')],
    outfile: path.join(__dirname, '..', 'dist', 'proxylint.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['ajv', 'ajv/*', 'yaml', 'diff', 'picomatch', 'yargs', 'yargs/*'],
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    sourcemap: 'linked',
    logLevel: 'warning',
  })
  .catch(() => process.exit(1));
