/**
 * `proxylint env` on a project: a Dockerfile, a compose file, a Kubernetes manifest, a .env and a
 * shell profile, each with seeded mistakes at known lines/columns, and the same set written
 * correctly, which reports nothing. Plus: no output format ever prints a planted secret.
 */
import { runCli, useTempTrees } from '../support/cli';

const tree = useTempTrees();
const SECRET = 'Sup3rS3cretPw';

const BAD = {
  Dockerfile: ['FROM node:22', `ENV HTTPS_PROXY=http://bob:${SECRET}@proxy.corp.example:8080`, 'ENV NO_PROXY=10.0.0.0/8', ''].join('\n'),
  'docker-compose.yml': ['services:', '  web:', '    image: nginx', '    environment:', '      - HTTP_PROXY=proxy.corp.example:8080', '      - NODE_TLS_REJECT_UNAUTHORIZED=0', ''].join('\n'),
  'k8s/deploy.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: api }',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          env:',
    '            - name: HTTPS_PROXY',
    '              value: "http://proxy.corp.example:8080"',
    '            - name: NO_PROXY',
    '              value: "localhost,127.0.0.1"',
    '',
  ].join('\n'),
  '.env': ['HTTP_PROXY=http://proxy.corp.example:8080/some/path', 'ALL_PROXY=socks5://proxy.corp.example:1080', ''].join('\n'),
  '.bashrc': ['export HTTPS_PROXY=http://proxy.corp.example:8080', 'export https_proxy=http://other.corp.example:3128', 'export no_proxy="localhost,127.0.0.1,*.corp.example"', ''].join('\n'),
};

const GOOD = {
  Dockerfile: ['FROM node:22', 'ARG HTTPS_PROXY', 'ENV NO_PROXY=localhost,127.0.0.1,.corp.example', ''].join('\n'),
  'docker-compose.yml': ['services:', '  web:', '    image: nginx', '    environment:', '      - HTTP_PROXY=http://proxy.corp.example:8080', '      - NO_PROXY=localhost,127.0.0.1', ''].join('\n'),
  'k8s/deploy.yaml': BAD['k8s/deploy.yaml'].replace('localhost,127.0.0.1', 'localhost,127.0.0.1,.svc,.cluster.local'),
  '.env': ['HTTP_PROXY=http://proxy.corp.example:8080', 'ALL_PROXY=socks5h://proxy.corp.example:1080', 'NO_PROXY=localhost,127.0.0.1', ''].join('\n'),
  '.bashrc': ['export HTTPS_PROXY=http://proxy.corp.example:8080', 'export https_proxy=http://proxy.corp.example:8080', 'export no_proxy="localhost,127.0.0.1,.corp.example"', ''].join('\n'),
};

interface Msg {
  ruleId: string;
  line: number;
  column: number;
}

function run(files: Record<string, string>, extra: string[] = [], cmd = 'env') {
  const dir = tree(files);
  return { dir, r: runCli([cmd, '.', ...extra], dir) };
}

test('each seeded mistake at its line and column', () => {
  const { r } = run(BAD, ['--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(1);
  const got = (JSON.parse(r.stdout) as { filePath: string; messages: Msg[] }[])
    .flatMap((f) => f.messages.map((m) => `${f.filePath.replace(/^.*proxylint-cli-[^/]+\//, '')}:${m.line}:${m.column} ${m.ruleId}`))
    .sort();
  expect(got).toEqual(
    [
      '.bashrc:1:8 env/proxy-case-conflict',
      '.bashrc:3:38 env/no-proxy-ignored-entry',
      '.env:1:42 env/proxy-url-path',
      '.env:2:11 env/socks5-local-dns',
      'Dockerfile:2:24 env/proxy-credentials',
      'Dockerfile:3:14 env/no-proxy-ignored-entry',
      'Dockerfile:3:14 env/no-proxy-loopback',
      'docker-compose.yml:5:20 env/proxy-url-scheme',
      'docker-compose.yml:6:38 env/node-tls-reject-unauthorized',
      'k8s/deploy.yaml:13:23 env/k8s-no-proxy-cluster',
    ].sort(),
  );
});

test('the same project written correctly reports nothing', () => {
  const { r } = run(GOOD, ['--format', 'json']);
  expect(r.stderr).toBe('');
  const results = JSON.parse(r.stdout) as { messages: Msg[] }[];
  expect(results).toHaveLength(5);
  expect(results.flatMap((f) => f.messages)).toEqual([]);
  expect(r.code).toBe(0);
});

test.each(['stylish', 'json', 'sarif', 'github', 'checkstyle', 'junit', 'gitlab'])('no secret in --format %s', (format) => {
  const { r } = run(BAD, ['--format', format]);
  expect(r.code).toBe(1);
  expect(r.stdout.length).toBeGreaterThan(0);
  expect(r.stdout + r.stderr).not.toContain(SECRET);
  expect(r.stdout + r.stderr).not.toContain('bob:');
});

test('the current environment, secrets masked', () => {
  const r = runCli(['env', '--format', 'json'], tree({}), { HTTPS_PROXY: `http://bob:${SECRET}@proxy.invalid:3128`, NO_PROXY: 'localhost,127.0.0.1' });
  expect(r.code).toBe(1);
  expect(r.stdout).not.toContain(SECRET);
  expect(JSON.parse(r.stdout)[0].messages.map((m: Msg) => m.ruleId)).toContain('env/proxy-credentials');
});

test('a suppression comment silences one finding', () => {
  const { r } = run({ '.env': '# proxylint-disable-next-line env/socks5-local-dns -- internal names resolve here too\nALL_PROXY=socks5://proxy.corp.example:1080\nNO_PROXY=localhost,127.0.0.1\n' });
  expect(r.stdout).toMatch(/no problems/);
  expect(r.code).toBe(0);
});

test('a missing path is a one-line usage error, exit 2', () => {
  const r = runCli(['env', 'nope/'], tree({}));
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^proxylint env: no such file or directory: .*nope\n$/);
});

// `lint .` reports the same env findings (the tree has no server config here, so nothing else).
test('`lint .` on the same project: the same findings at the same places', () => {
  const { r } = run(BAD, ['--format', 'json'], 'lint');
  expect(r.code).toBe(1);
  const got = (JSON.parse(r.stdout) as { filePath: string; messages: Msg[] }[])
    .flatMap((f) => f.messages.map((m) => `${f.filePath.replace(/^.*proxylint-cli-[^/]+\//, '')}:${m.line}:${m.column} ${m.ruleId}`))
    .sort();
  const { r: e } = run(BAD, ['--format', 'json']);
  const want = (JSON.parse(e.stdout) as { filePath: string; messages: Msg[] }[])
    .flatMap((f) => f.messages.map((m) => `${f.filePath.replace(/^.*proxylint-cli-[^/]+\//, '')}:${m.line}:${m.column} ${m.ruleId}`))
    .sort();
  expect(got).toEqual(want);
  const { r: good } = run(GOOD, ['--format', 'json'], 'lint');
  expect((JSON.parse(good.stdout) as { messages: Msg[] }[]).flatMap((f) => f.messages)).toEqual([]);
  expect(good.code).toBe(0);
});

// A secret in a referenced env_file and in a systemd unit is masked too, under env and lint, in every format.
const WITH_REFS = {
  ...BAD,
  'docker-compose.yml': BAD['docker-compose.yml'] + '    env_file: secrets/web.env\n',
  'secrets/web.env': `ALL_PROXY=socks5h://carol:${SECRET}@proxy.corp.example:1080\nNO_PROXY=localhost,127.0.0.1\n`,
  'app.service': `[Service]\nEnvironment=HTTPS_PROXY=http://dave:${SECRET}@proxy.corp.example:8080 NO_PROXY=localhost,127.0.0.1\n`,
};
test.each(['env', 'lint'].flatMap((cmd) => ['stylish', 'json', 'sarif', 'github', 'checkstyle', 'junit', 'gitlab'].map((f) => [cmd, f])))('%s: no secret in --format %s, referenced files included', (cmd, format) => {
  const { r } = run(WITH_REFS, ['--format', format], cmd);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/web\.env/);
  // ("bob:" alone appears in rule READMEs, which SARIF embeds as help: the planted secrets are what must not.)
  for (const s of [SECRET, 'carol:', 'dave:']) expect(r.stdout + r.stderr).not.toContain(s);
});
