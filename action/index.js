#!/usr/bin/env node
// The GitHub Action (action.yml): runs `proxylint lint` on the workspace with the action's
// inputs. No dependencies: inputs come from INPUT_* variables, outputs go to $GITHUB_OUTPUT.
// The CLI is the one in this repository; when its build (dist/) is absent — an action ref is a
// plain checkout — it is built once with `npm ci` (whose `prepare` script compiles it).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

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

function ensureBuilt() {
  if (fs.existsSync(path.join(ROOT, 'dist', 'proxylint.js'))) return;
  process.stdout.write('::group::Building proxylint (npm ci)\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  process.stdout.write('::endgroup::\n');
  if (r.status !== 0) throw new Error(`npm ci failed in ${ROOT} (exit ${r.status})`);
}

function main() {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
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
  ensureBuilt();
  process.stdout.write(`proxylint ${argv.join(' ')}\n`);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'proxylint.js'), ...argv], { cwd: workspace, stdio: 'inherit' });
  const code = r.status === null ? 2 : r.status;
  setOutput('exit-code', code);
  setOutput('sarif-file', sarif && fs.existsSync(path.resolve(workspace, sarif)) ? sarif : '');
  if (code === 2) process.stdout.write('::error title=proxylint::proxylint could not run (usage or configuration error; see the log above)\n');
  else if (code === 1) process.stdout.write(`::error title=proxylint::proxylint found problems at or above "${threshold}"\n`);
  return code;
}

if (require.main === module) {
  try {
    process.exitCode = main();
  } catch (e) {
    process.stdout.write(`::error title=proxylint::${escapeData(e && e.stack ? e.stack : e)}\n`);
    process.exitCode = 2;
  }
}

module.exports = { splitArgs, input };
