/** The env-bearing file check `lint` runs on every candidate: name first, then a cheap text test. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectKind, mayHoldProxyVariables } from '../../src/env/kind';

test.each([
  ['Dockerfile', 'dockerfile'],
  ['api.Dockerfile', 'dockerfile'],
  ['.env.production', 'dotenv'],
  ['docker-compose.yml', 'yaml'],
  ['app.service', 'systemd'],
  ['.bashrc', 'shell'],
  ['.npmrc', 'npmrc'],
  ['.gitconfig', 'gitconfig'],
  ['.proxylint.yaml', undefined],
  ['nginx.conf', undefined],
])('%s → %s', (name, kind) => {
  expect(detectKind(path.join('/x', name))).toBe(kind);
});

test('the text test: a word anywhere (across a 64 KB chunk boundary too), nothing in a file without one, false for a missing file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-kind-'));
  try {
    const at = (name: string, text: string) => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name));
    expect(mayHoldProxyVariables(at('a.yaml', 'env:\n  HTTPS_PROXY: http://p.invalid:8080\n'))).toBe(true);
    expect(mayHoldProxyVariables(at('b.yaml', 'kind: Service\n'))).toBe(false);
    expect(mayHoldProxyVariables(at('c.yaml', 'x'.repeat(65536 - 3) + 'NO_PROXY=a\n'))).toBe(true);
    expect(mayHoldProxyVariables(at('d.yaml', 'x'.repeat(200000) + '\nenv_file: a.env\n'))).toBe(true);
    expect(mayHoldProxyVariables(path.join(dir, 'missing'))).toBe(false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
