/** Each env rule on its README's Bad and Good examples, plus edge cases, with exact columns. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { envRules } from '../../rules/env';
import { lintEnvText as lintWith } from '../../src/env/lint';
import { REPO_ROOT } from '../support/paths';

const lintEnvText = (file: string, text: string, kind: Parameters<typeof lintWith>[2]) => lintWith(file, text, kind, { rules: envRules });

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
  ['HTTPS_PROXY={{ .Values.proxy.https }}\nNO_PROXY={{ .Values.proxy.no }}', []],
  ['HTTPS_PROXY="{{ corp_proxy }}"\nNO_PROXY="{% if a %}x{% endif %}"', []],
  ['HTTPS_PROXY=htp://proxy.invalid:8080', ['1:13 env/proxy-url-scheme']],
  ['HTTP_PROXY=http://proxy.invalid:8080/', []],
  ['http_proxy=\nHTTP_PROXY=http://proxy.invalid:8080', ['1:1 env/proxy-case-conflict']],
  ['NO_PROXY=*', []],
  ['NODE_TLS_REJECT_UNAUTHORIZED=1', []],
  // env/no-proxy-port: the entry's column; which clients ignore it comes from the client table.
  ['HTTPS_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1,a.invalid:8443', ['2:30 env/no-proxy-port']],
  ['HTTPS_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1,[fd00::5]:8080,10.0.0.5:3128', ['2:30 env/no-proxy-port', '2:45 env/no-proxy-port']],
  ['HTTPS_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1,::1,fd00::5', []],
  ['NO_PROXY=a.invalid:8443', []],
  // env/websocket-proxy: at WSS_PROXY's name when it is set and the clients split; info at a wss:// URL otherwise.
  ['WSS_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1', ['1:1 env/websocket-proxy']],
  ['WSS_PROXY=http://p.invalid:8080\nHTTPS_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1', []],
  ['WSS_PROXY=http://p.invalid:8080\nHTTPS_PROXY=http://q.invalid:8080\nNO_PROXY=localhost,127.0.0.1', ['1:1 env/websocket-proxy']],
  ['ws_proxy=http://p.invalid:8080\nhttp_proxy=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1', []],
  ['HTTPS_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1\nEVENTS_URL=wss://events.invalid/stream', ['3:12 env/websocket-proxy']],
  ['HTTPS_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1,events.invalid\nEVENTS_URL=wss://events.invalid/stream', []],
  ['HTTPS_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1', []],
])('%j', (text, want) => {
  expect(ids(text)).toEqual(want);
});

test('websocket-proxy: info for a URL, warning for WSS_PROXY; the message names each route', () => {
  const r = lintEnvText('/x/.env', 'HTTPS_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1\nEVENTS_URL=wss://events.invalid/stream\n', 'dotenv');
  expect(r.messages.map((m) => [m.severity, m.message])).toEqual([['info', 'wss:// routes differ: curl and proxy-from-env connect directly, Go and undici use http://p.invalid:8080; set WSS_PROXY and HTTPS_PROXY to the same proxy.']]);
  const w = lintEnvText('/x/.env', 'WSS_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1\n', 'dotenv');
  expect(w.messages.map((m) => m.severity)).toEqual(['warning']);
});

test('no-proxy-port: the message says who ignores the entry and who honours the port', () => {
  const r = lintEnvText('/x/.env', 'HTTPS_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1,a.invalid:8443\n', 'dotenv');
  expect(r.messages.map((m) => m.message)).toEqual(['"a.invalid:8443": curl and wget never match an entry with a port, so they proxy it; Go, undici, proxy-from-env, requests and httpx bypass the proxy for port 8443 only.']);
});
