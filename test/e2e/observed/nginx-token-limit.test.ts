/**
 * The 4 KB token limit on the real nginx: every row of test/dialects/nginx/token-limit-cases.ts
 * is put in a main config and checked with `nginx -t`; proxylint must agree on the verdict, on
 * nginx's words and on the line nginx names ("… in FILE:LINE").
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { positionAt } from '../../../src/core/positions';
import { sourceFromText } from '../../../src/core/source';
import { parseNginx } from '../../../src/dialects/nginx/parser';
import { TOKEN_LIMIT_CASES } from '../../dialects/nginx/token-limit-cases';
import { describeWithServer, nginx, nginxMainConfig, runCheck, substitute } from '../harness';

describeWithServer('nginx', 'nginx -t: the 4096-byte token buffer', () => {
  let prefix: string;
  beforeAll(() => {
    prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-token-limit-'));
  });
  afterAll(() => fs.rmSync(prefix, { recursive: true, force: true }));

  it.each(TOKEN_LIMIT_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const file = path.join(prefix, 'nginx.conf');
    const text = substitute(nginxMainConfig(c.line), { port: 0, prefix }) + (c.tail ?? '');
    fs.writeFileSync(file, text);
    const checked = await runCheck(nginx.binary, ['-t', '-q', '-p', `${prefix}/`, '-c', file]);
    const r = parseNginx(sourceFromText(file, text));
    if (!c.error) {
      expect([checked.ok, checked.output]).toEqual([true, expect.any(String)]);
      expect(r.error).toBeUndefined();
      return;
    }
    expect(checked.ok).toBe(false);
    const m = /\[emerg\] \d+#\d+: (.*) in (.*):(\d+)$/m.exec(checked.output);
    expect(m && [m[1], m[2]]).toEqual([c.error, file]);
    expect(r.error?.message).toBe(c.error);
    expect(positionAt(r.file, r.error!.offset).line).toBe(Number(m![3]));
  });
});
