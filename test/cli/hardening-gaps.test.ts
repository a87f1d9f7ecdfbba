/**
 * Issue 14 observations that had no regression test of their own (checked against the issue's
 * list): a file over the size limit (a 30 MB file used to abort out of memory at 4.4 GB), an
 * nginx `include` naming a directory (nginx -t fails: pread() … Is a directory).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';

const tree = useTempTrees();
const LIMIT = 64 * 1024 * 1024;

function sparse(file: string, size: number): void {
  fs.writeFileSync(file, 'events {}\n');
  fs.truncateSync(file, size); // no data written: a hole the size check sees without reading it
}

it('a named file over 64 MiB is one fatal finding with its size, exit 2, not an out-of-memory abort', () => {
  const dir = tree({});
  sparse(path.join(dir, 'big.conf'), LIMIT + 1);
  const r = runCli(['lint', '-f', 'json', '--dialect', 'nginx', 'big.conf'], dir);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('');
  const [f] = JSON.parse(r.stdout) as { messages: { ruleId: string; message: string; fatal?: boolean }[] }[];
  expect(f.messages).toEqual([
    expect.objectContaining({ ruleId: 'core/syntax-error', fatal: true, message: `cannot read file: ${path.join(dir, 'big.conf')} is ${LIMIT + 1} bytes; proxylint reads files up to ${LIMIT} bytes` }),
  ]);
});

it('an include of a file over 64 MiB, and an include naming a directory, are findings at the include', () => {
  const dir = tree({ 'nginx.conf': 'events {}\nhttp {\n    include conf.d;\n    include big.conf;\n}\n', 'conf.d/a.conf': '' });
  sparse(path.join(dir, 'big.conf'), LIMIT + 1);
  const r = runCli(['lint', '-f', 'json', 'nginx.conf'], dir);
  const [f] = JSON.parse(r.stdout) as { messages: { ruleId: string; message: string; line: number }[] }[];
  expect(f.messages.map((m) => [m.ruleId, m.line, m.message])).toEqual([
    ['core/include-unreadable', 3, `include "conf.d" names a directory (nginx: pread() "${path.join(dir, 'conf.d')}" failed (21: Is a directory))`],
    ['core/include-unreadable', 4, `cannot read included file ${path.join(dir, 'big.conf')}: ${path.join(dir, 'big.conf')} is ${LIMIT + 1} bytes; proxylint reads files up to ${LIMIT} bytes`],
  ]);
  expect(r.code).toBe(1);
});
