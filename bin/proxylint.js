#!/usr/bin/env node
'use strict';
// Loads the single-file bundle through a V8 code cache: compiling the bundle is the largest
// cost proxylint adds to node's own start-up, and a cached compile removes most of it. The
// cache lives in a per-user directory under the system temp dir, keyed by node version and
// bundle identity; V8 itself rejects cached data that does not match the source.
const fs = require('node:fs');
const path = require('node:path');

const bundle = path.join(__dirname, '..', 'dist', 'proxylint.js');

function loadWithCodeCache() {
  const os = require('node:os');
  const vm = require('node:vm');
  const Module = require('node:module');
  const st = fs.statSync(bundle);
  const dir = path.join(os.tmpdir(), `proxylint-v8-cache-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);
  const cacheFile = path.join(dir, `${process.version}-${process.arch}-${st.size}-${Math.floor(st.mtimeMs)}.bin`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const source = fs.readFileSync(bundle, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const mod = { exports: {}, filename: bundle, id: bundle, loaded: false };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
  const save = !cachedData || script.cachedDataRejected;
  return { exports: mod.exports, save: save ? () => writeCache(dir, cacheFile, script.createCachedData()) : () => {} };
}

function writeCache(dir, file, data) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    // A cache is an optimisation: a read-only or full temp dir costs only speed.
  }
}

let loaded;
try {
  loaded = loadWithCodeCache();
} catch {
  loaded = { exports: require(bundle), save: () => {} };
}
loaded.exports.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // After the run, so the functions it compiled lazily are in the cache too.
    loaded.save();
  },
  (err) => {
    process.stderr.write(`proxylint: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
