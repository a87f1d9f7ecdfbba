/**
 * A report file that cannot be written is a one-line error naming the file, exit 2 (issue 10):
 * `-o /dev/full` used to say "cannot write no space left on device", without the path.
 */
import * as fs from 'node:fs';
import { runCli, useTempTrees } from '../support/cli';

const tree = useTempTrees();
const CONF = 'server {\n    listen 80;\n    location /ws/ {\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n';

test('/dev/full exists here (Linux), so the write failures below are real', () => {
  expect(process.platform === 'linux' ? fs.existsSync('/dev/full') : true).toBe(true);
});

const linuxOnly = process.platform === 'linux' ? it : it.skip;

linuxOnly.each([
  ['-o /dev/full', ['-o', '/dev/full']],
  ['--output-file /dev/full', ['--output-file', '/dev/full']],
  ['--output json=/dev/full', ['--output', 'json=/dev/full']],
])('%s: exit 2, "cannot write /dev/full: no space left on device"', (_name, flags) => {
  const dir = tree({ 'site.conf': CONF });
  const r = runCli(['lint', ...flags, 'site.conf'], dir);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: 'proxylint: cannot write /dev/full: no space left on device\n' });
});

it('a directory in the way: exit 2 naming the path', () => {
  const dir = tree({ 'site.conf': CONF, 'out/.keep': '' });
  const r = runCli(['lint', '-o', 'out', 'site.conf'], dir);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^proxylint: cannot open .*out: is a directory\n$/);
});
