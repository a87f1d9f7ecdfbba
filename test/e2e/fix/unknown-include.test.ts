/**
 * Issue 9, observation 1 and the "unknown is not wrong" invariant, on the real nginx: a scope
 * whose WebSocket lines come from an include proxylint cannot read is reported at info (what is
 * unknown, no error), and neither `--fix` nor `--fix --unsafe-fixes` adds a directive there.
 * Then the include tree is built as it is on the server (the snippet in place) and the fixed
 * config must pass `nginx -t` and carry a WebSocket. A control shows the trap is real: the three
 * directives the old fix added make `nginx -t` fail with "is duplicate".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, tempTree } from '../../support/cli';
import { describeWithServer, expectWebSocketWorks, nginxMainConfig, runners } from '../harness';

const SNIPPET = 'proxy_http_version 1.1;\nproxy_set_header Upgrade $http_upgrade;\nproxy_set_header Connection "upgrade";\nproxy_read_timeout 1h;\n';
const MAP = 'map $http_upgrade $connection_upgrade {\n    default upgrade;\n    \'\' close;\n}\n';

interface Case {
  name: string;
  /** The repository's nginx.conf; INC marks the include whose target is absent when linting. */
  config: string;
  /** The include's argument as written in the repository. */
  written: string;
  /** What the server has at that path. */
  serverFile: string;
  /** Core finding the unread include gets. */
  core: string;
}

const block = (lines: string) => lines.trim().split('\n');
const location = (inc: string) =>
  nginxMainConfig(
    ...block(`
server {
    listen 127.0.0.1:@PORT@;
    location /ws {
        proxy_pass http://127.0.0.1:@BACKEND_PORT@;
        include ${inc};
    }
}`),
  );
const serverLevel = (inc: string) =>
  nginxMainConfig(
    ...block(`
server {
    listen 127.0.0.1:@PORT@;
    include ${inc};
    location /ws {
        proxy_pass http://127.0.0.1:@BACKEND_PORT@;
    }
}`),
  );
const httpLevelMap = (inc: string) =>
  nginxMainConfig(
    ...block(`
include ${inc};
server {
    listen 127.0.0.1:@PORT@;
    location /ws {
        proxy_pass http://127.0.0.1:@BACKEND_PORT@;
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_read_timeout 1h;
    }
}`),
  );

const CASES: Case[] = [
  { name: 'location includes /etc/nginx/snippets/websocket.conf (not mapped)', config: location('/etc/nginx/snippets/websocket.conf'), written: '/etc/nginx/snippets/websocket.conf', serverFile: SNIPPET, core: 'core/include-unmapped' },
  { name: 'location includes snippets/websocket.conf, absent from the repository', config: location('snippets/websocket.conf'), written: 'snippets/websocket.conf', serverFile: SNIPPET, core: 'core/include-not-found' },
  { name: 'server block includes the snippet', config: serverLevel('/etc/nginx/snippets/websocket.conf'), written: '/etc/nginx/snippets/websocket.conf', serverFile: SNIPPET, core: 'core/include-unmapped' },
  { name: 'http block includes the file with the connection-upgrade map', config: httpLevelMap('/etc/nginx/conf.d/maps.conf'), written: '/etc/nginx/conf.d/maps.conf', serverFile: MAP, core: 'core/include-unmapped' },
];

interface Msg {
  ruleId: string;
  severity: number;
  message: string;
  fix?: unknown;
}

describeWithServer('nginx', 'unknown is not wrong: no fix adds what an unread include may set (real nginx)', () => {
  it('control: the three directives the old --fix added next to the snippet make nginx -t fail', async () => {
    const c = CASES[0];
    const old = c.config.replace(`include ${c.written};`, `include ${c.written};\n            proxy_http_version 1.1;\n            proxy_set_header Upgrade $http_upgrade;\n            proxy_set_header Connection "upgrade";`);
    const r = await runners.nginx.check(old.replace(c.written, '@PREFIX@/inc.conf'), { files: { 'inc.conf': c.serverFile } });
    expect(r.ok).toBe(false);
    expect(r.output).toContain('"proxy_http_version" directive is duplicate');
  });

  describe.each(CASES)('$name', (c) => {
    it('is reported at info saying what is unknown, with no fix', () => {
      const t = tempTree({ 'nginx.conf': c.config });
      try {
        const r = runCli(['lint', '--format', 'json', 'nginx.conf'], t.dir);
        const messages = (JSON.parse(r.stdout)[0].messages as Msg[]).filter((m) => m.ruleId !== c.core);
        expect(messages.length).toBeGreaterThan(0);
        for (const m of messages) {
          expect(m.severity).toBe(0);
          expect(m.message).toMatch(new RegExp(` \\(unverified: include "${c.written.split('/').pop()!.replace(/\./g, '\\.')}" at line \\d+ not read\\)$`));
          expect(m.fix).toBeUndefined();
        }
      } finally {
        t.cleanup();
      }
    });

    it.each([[['--fix']], [['--fix', '--unsafe-fixes']]])('lint %j changes nothing; with the include in place the result passes nginx -t and carries a WebSocket', async (flags) => {
      const t = tempTree({ 'nginx.conf': c.config });
      try {
        runCli(['lint', ...flags, 'nginx.conf'], t.dir);
        const fixed = fs.readFileSync(path.join(t.dir, 'nginx.conf'), 'utf8');
        expect(fixed).toBe(c.config);
        // The server's tree: the include's target exists.
        const onServer = fixed.replace(`include ${c.written};`, 'include @PREFIX@/inc.conf;');
        const check = await runners.nginx.check(onServer, { files: { 'inc.conf': c.serverFile } });
        expect(check.output).toContain('test is successful');
        await expectWebSocketWorks(runners.nginx, onServer, { files: { 'inc.conf': c.serverFile } });
      } finally {
        t.cleanup();
      }
    });
  });
});
