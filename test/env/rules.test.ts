/** Each env rule on its README's Bad and Good examples, plus edge cases, with exact columns. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { envRules } from '../../rules/env';
import { lintEnvText } from '../../src/env/lint';
import { REPO_ROOT } from '../support/paths';

const ids = (text: string, kind: Parameters<typeof lintEnvText>[2] = 'dotenv') => lintEnvText('/x/.env', text, kind).messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

describe.each(envRules.map((r) => [r.id]))('%s', (id) => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'rules', id, 'README.md'), 'utf8');
  const block = (title: string) => /```sh\n([\s\S]*?)```/.exec(readme.split(`## ${title}`)[1] ?? '')![1];
  const kind = (t: string) => (/^(ENV|ARG) /m.test(t) ? 'dockerfile' : /^- name:/m.test(t) ? 'yaml' : 'dotenv');
  const lint = (t: string) => {
    const k = kind(t);
    const text = k === 'yaml' ? `kind: Pod\nspec:\n  containers:\n    - name: a\n      env:\n${t.replace(/^/gm, '        ')}` : t;
    return lintEnvText(k === 'yaml' ? '/x/pod.yaml' : '/x/.env', text, k).messages.map((m) => m.ruleId);
  };
  test('README Bad trips it', () => expect(lint(block('Bad'))).toContain(id));
  test('README Good passes it', () => expect(lint(block('Good'))).not.toContain(id));
});

test.each([
  ['HTTPS_PROXY=http://bob:p@ss@proxy.invalid:8080', ['1:20 env/proxy-credentials', '1:20 env/proxy-userinfo-encoding']],
  ['HTTPS_PROXY=http://bob:p%40ss@proxy.invalid:8080', ['1:20 env/proxy-credentials']],
  ['HTTPS_PROXY=${CORP_PROXY}', []],
  ['HTTPS_PROXY=htp://proxy.invalid:8080', ['1:13 env/proxy-url-scheme']],
  ['HTTP_PROXY=http://proxy.invalid:8080/', []],
  ['http_proxy=\nHTTP_PROXY=http://proxy.invalid:8080', ['1:1 env/proxy-case-conflict']],
  ['NO_PROXY=*', []],
  ['NODE_TLS_REJECT_UNAUTHORIZED=1', []],
])('%j', (text, want) => {
  expect(ids(text)).toEqual(want);
});
