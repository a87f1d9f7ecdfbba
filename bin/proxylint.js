#!/usr/bin/env node
'use strict';
// Loads the single-file bundle through a V8 code cache: compiling the bundle is the largest
// cost proxylint adds to node's own start-up, and a cached compile removes most of it. Cached
// bytecode is code, so it is read only from a directory that nobody but the current user can
// write, and only for the exact bundle bytes it was made for (see code-cache.js).
const fs = require('node:fs');
const path = require('node:path');

const bundle = path.join(__dirname, '..', 'dist', 'proxylint.js');

function loadWithCodeCache() {
  const vm = require('node:vm');
  const Module = require('node:module');
  const codeCache = require('./code-cache.js');
  const bytes = fs.readFileSync(bundle);
  const dir = codeCache.cacheDirectory();
  const cached = dir === undefined ? undefined : codeCache.readCache(dir, bytes);
  const script = new vm.Script(Module.wrap(bytes.toString('utf8')), { filename: bundle, cachedData: cached && cached.data });
  const mod = { exports: {}, filename: bundle, id: bundle, loaded: false };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
  const known = cached && !script.cachedDataRejected ? cached.tags : undefined;
  return {
    exports: mod.exports,
    // `tags`: what this run used (its dialects). A cache that lacks one is saved again with the
    // union: its functions are compiled now, and the cache's were deserialized into this run.
    save(tags) {
      if (dir === undefined || (known && tags.every((t) => known.includes(t)))) return;
      codeCache.writeCache(dir, bytes, script.createCachedData(), [...(known || []), ...tags]);
    },
  };
}

let loaded;
try {
  loaded = loadWithCodeCache();
} catch {
  loaded = { exports: require(bundle), save() {} };
}
loaded.exports.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // After the run, so the functions it compiled lazily are in the cache too; under V8's default
    // flags, which a cache is checked against (a large input's run changes some: core/heap.ts).
    if (typeof loaded.exports.restoreV8Defaults === 'function') loaded.exports.restoreV8Defaults();
    loaded.save(typeof loaded.exports.cacheTags === 'function' ? loaded.exports.cacheTags() : []);
  },
  (err) => {
    process.stderr.write(`proxylint: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
