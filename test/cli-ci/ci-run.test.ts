/**
 * .ci/run leaves the machine as it found it (issue 10): the policy-rc.d it creates to keep
 * package installs from starting services is there while apt-get runs and gone afterwards, also
 * when a step fails; one that was already there is left alone. Runs the real script with
 * apt-get, npm and id replaced by stubs on PATH, and policy-rc.d's path pointed into a temp dir.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useTempTrees } from '../support/cli';
import { REPO_ROOT } from '../support/paths';

const tree = useTempTrees();

function runCiScript(opts: { preexisting?: boolean; npmFails?: boolean }) {
  const dir = tree({});
  const policy = path.join(dir, 'policy-rc.d');
  const log = path.join(dir, 'log');
  const script = fs.readFileSync(path.join(REPO_ROOT, '.ci', 'run'), 'utf8').split('/usr/sbin/policy-rc.d').join(policy);
  fs.mkdirSync(path.join(dir, 'repo', '.ci'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'repo', '.ci', 'run'), script, { mode: 0o755 });
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const stub = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  stub('id', 'echo 0');
  stub('apt-get', `if [ -x "${policy}" ]; then echo "apt-get $1: policy present" >> "${log}"; else echo "apt-get $1: no policy" >> "${log}"; fi`);
  stub('npm', opts.npmFails ? 'exit 7' : `echo "npm $*" >> "${log}"`);
  if (opts.preexisting) fs.writeFileSync(policy, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  const r = spawnSync('bash', [path.join(dir, 'repo', '.ci', 'run')], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  return { status: r.status, log: fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '', policyLeft: fs.existsSync(policy), policyText: fs.existsSync(policy) ? fs.readFileSync(policy, 'utf8') : '' };
}

test('policy-rc.d is in force during apt-get and removed afterwards', () => {
  const r = runCiScript({});
  expect(r.status).toBe(0);
  expect(r.log).toContain('apt-get install: policy present\n');
  expect(r.log).not.toContain('no policy');
  expect(r.log).toContain('npm test');
  expect(r.policyLeft).toBe(false);
});

test('removed when a later step fails too', () => {
  const r = runCiScript({ npmFails: true });
  expect(r.status).toBe(7);
  expect(r.policyLeft).toBe(false);
});

test('one that was there before is left as it was', () => {
  const r = runCiScript({ preexisting: true });
  expect(r.status).toBe(0);
  expect(r.policyText).toBe('#!/bin/sh\nexit 0\n');
});
