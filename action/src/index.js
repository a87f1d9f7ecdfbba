// The GitHub Action (action.yml): `proxylint lint` on the workspace with the action's inputs.
// This file is the source; action/dist/index.js is the committed bundle the runner executes
// (`npm run build:action`; a test fails when it is stale). The CLI runs in this process: nothing
// is spawned (no npm, no shell, nothing to go wrong on Windows runners), nothing is installed.
// Inputs come from INPUT_* variables, outputs go to $GITHUB_OUTPUT.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function input(name, fallback = '') {
  const v = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
  return v === undefined || v.trim() === '' ? fallback : v.trim();
}

/** Split like a shell would, for the common cases: spaces, new lines, '…' and "…" quotes. */
function splitArgs(s) {
  const out = [];
  const re = /"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g;
  let m;
  while ((m = re.exec(s))) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] !== undefined ? m[2] : m[3]);
  return out;
}

function setOutput(name, value) {
  if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

function escapeData(s) {
  return String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Run the CLI in this process and keep the last `proxylint: …` line it wrote to stderr: the
 * reason a run failed (`too many warnings (3, max 0)`) becomes the step's error annotation,
 * instead of a guess.
 */
async function runCli(argv) {
  const { main } = require('../../src/cli/main');
  let reason = '';
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk, ...rest) => {
    for (const line of String(chunk).split('\n')) if (line.startsWith('proxylint: ')) reason = line.slice('proxylint: '.length);
    return write(chunk, ...rest);
  };
  try {
    return { code: await main(argv), reason };
  } finally {
    process.stderr.write = write;
  }
}

async function run() {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  // Globs in `paths` are expanded by proxylint itself (the runner passes no shell).
  const paths = splitArgs(input('paths', '.'));
  const extra = splitArgs(input('args'));
  const format = input('format', 'github');
  const sarif = input('sarif-file');
  const threshold = input('failure-threshold', 'error');

  const argv = ['lint', ...paths, '--format', format, '--failure-threshold', threshold, ...extra];
  if (sarif) {
    argv.push('--output', `sarif=${sarif}`);
    fs.mkdirSync(path.dirname(path.resolve(workspace, sarif)), { recursive: true });
  }
  process.stdout.write(`proxylint ${argv.join(' ')}\n`);
  process.chdir(workspace);
  const { code, reason } = await runCli(argv);
  setOutput('exit-code', code);
  setOutput('sarif-file', sarif && fs.existsSync(path.resolve(workspace, sarif)) ? sarif : '');
  if (code === 2) process.stdout.write(`::error title=proxylint::${escapeData(reason || 'proxylint could not run (usage or configuration error; see the log above)')}\n`);
  else if (code === 1) process.stdout.write(`::error title=proxylint::${escapeData(reason || 'proxylint found errors (see the annotations and the log)')}\n`);
  return code;
}

// (Not `require.main === module`: inside the bundle `module` is the bundler's wrapper.)
if (require.main && require.main.filename === __filename) {
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stdout.write(`::error title=proxylint::${escapeData(e && e.stack ? e.stack : e)}\n`);
      process.exitCode = 2;
    },
  );
}

module.exports = { splitArgs, input };
