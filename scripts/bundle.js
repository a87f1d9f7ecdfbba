#!/usr/bin/env node
// Bundles the CLI into one file (dist/proxylint.js): node resolves and compiles one module
// instead of ~180, which is most of a one-file run's cost. Libraries only some runs need
// (ajv and yaml for config files, diff for --diff, yargs for help and the commands other than
// lint) stay external and load on demand.
//
// `probe` (a live network client, ~50 KB) is a second bundle, dist/probe.js, so that not even
// its source is compiled on the lint path. main.ts requires './probe': from dist/src/cli/main.js
// (tests) that is dist/src/cli/probe.js, and from dist/proxylint.js it is dist/probe.js.
'use strict';
const path = require('node:path');
const esbuild = require('esbuild');

// `import * as fs from 'node:fs'` becomes `__toESM(require('node:fs'))` in a CJS bundle: a copy
// of every export of the module, made once per importing module (~60 of them, ~1-2 ms of a
// one-file run). A namespace import of a node builtin is used as a namespace only, so the plain
// `require` is the same object without the copy (TypeScript's `import x = require()`).
const builtinNamespaces = {
  name: 'builtin-namespaces',
  setup(build) {
    const fs = require('node:fs');
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      return { contents: text.replace(/^import \* as (\w+) from '(node:[a-z_/]+)';$/gm, "import $1 = require('$2');"), loader: 'ts' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['ajv', 'ajv/*', 'yaml', 'diff', 'picomatch', 'yargs', 'yargs/*', 'ipaddr.js', 'dockerfile-ast', 're2js'],
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [builtinNamespaces],
};

const probeExternal = {
  name: 'probe-external',
  setup(build) {
    // `env` (the proxy-variable linter, own bundle dist/env.js) is kept off the lint path the same way.
    // `lint` reaches env too (the env-bearing files of a tree): lint.ts loads it only when it found one.
    build.onResolve({ filter: /^\.\/(probe|env)$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'cli', 'main.ts')) || (args.path === './env' && args.importer.endsWith(path.join('src', 'cli', 'lint.ts')))
        ? { path: args.path, external: true }
        : undefined,
    );
    // The registry's env rules are a small bundle of their own (dist/env-rules.js), loaded only when
    // every rule is asked for (a config file to check, `rules`, SARIF, --select).
    build.onResolve({ filter: /^\.\/env\/index$/ }, (args) =>
      args.importer.endsWith(path.join('rules', 'index.ts')) ? { path: './env-rules.js', external: true } : undefined,
    );
  },
};

Promise.all([
  esbuild.build({
    ...common,
    entryPoints: [path.join(__dirname, '..', 'src', 'cli', 'main.ts')],
    outfile: path.join(__dirname, '..', 'dist', 'proxylint.js'),
    plugins: [probeExternal, builtinNamespaces],
  }),
  esbuild.build({
    ...common,
    entryPoints: [path.join(__dirname, '..', 'src', 'cli', 'probe.ts')],
    outfile: path.join(__dirname, '..', 'dist', 'probe.js'),
  }),
  esbuild.build({
    ...common,
    entryPoints: [path.join(__dirname, '..', 'src', 'cli', 'env.ts')],
    outfile: path.join(__dirname, '..', 'dist', 'env.js'),
  }),
  esbuild.build({
    ...common,
    entryPoints: [path.join(__dirname, '..', 'rules', 'env', 'index.ts')],
    outfile: path.join(__dirname, '..', 'dist', 'env-rules.js'),
  }),
]).catch(() => process.exit(1));
