#!/usr/bin/env node
// Bundles the GitHub Action (action.yml → action/dist/index.js): the action wrapper and the whole
// CLI with its dependencies in one committed file, so a workflow step runs it directly — no
// `npm ci`, no TypeScript build, no node_modules (the way GitHub's JavaScript action template
// ships dist/). Not minified, so that a change to one source changes a few lines of the bundle
// and merges like source does.
//
//   node scripts/bundle-action.js           write action/dist/index.js
//   node scripts/bundle-action.js --check   exit 1 when the committed bundle differs from the sources
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'action', 'dist', 'index.js');

async function build() {
  const esbuild = require('esbuild');
  const r = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [path.join('action', 'src', 'index.js')],
    outfile: OUT,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // A worktree's node_modules is often a symlink to another checkout's: resolved, its paths
    // would enter the bundle's comments and module keys, and the bundle would differ from the one
    // a fresh clone builds (the CI check). Kept as linked, every checkout builds the same bytes.
    preserveSymlinks: true,
    // `probe` (the live handshake doctor) is not something an action step runs: left out, so that
    // changing it does not change this bundle. `env` is in: `lint` lints a tree's env-bearing files.
    plugins: [
      {
        name: 'commands-external',
        setup(b) {
          b.onResolve({ filter: /^\.\.?\/(probe)(\/.*)?$/ }, (args) =>
            args.importer.startsWith(path.join(ROOT, 'src', 'cli')) ? { path: args.path, external: true } : undefined,
          );
        },
      },
    ],
    legalComments: 'eof',
    charset: 'utf8',
    logLevel: 'warning',
  });
  return Buffer.from(r.outputFiles[0].contents).toString('utf8');
}

async function check() {
  const fresh = await build();
  const committed = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  return { fresh, committed, same: fresh === committed };
}

module.exports = { build, check, OUT };

if (require.main === module) {
  (async () => {
    if (process.argv.includes('--check')) {
      const r = await check();
      if (!r.same) {
        process.stderr.write('action/dist/index.js is stale: run `npm run build:action` and commit it\n');
        process.exit(1);
      }
      return;
    }
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, await build());
  })().catch((e) => {
    process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  });
}
