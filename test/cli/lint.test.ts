/**
 * `proxylint lint` end to end through the real CLI: file collection, dialect detection,
 * fragments in context, output shape, exit codes, bad input, and --fix's guarantees.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';

const BROKEN_WS = `server {
    listen 80;
    location /ws/ {
        proxy_pass http://127.0.0.1:3000;
    }
}
`;

const GOOD_WS = `server {
    listen 80;
    location /ws/ {
        proxy_pass http://127.0.0.1:3000;
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection "upgrade";
        proxy_read_timeout 1h;
    }
}
`;

const tree = useTempTrees();
function json(stdout: string): { filePath: string; messages: { ruleId: string | null; line: number; column: number; fatal?: boolean; message: string; severity: number }[]; errorCount: number }[] {
  return JSON.parse(stdout);
}

describe('proxylint lint', () => {
  it('reports a broken WebSocket location with exit 1 and stylish file:line:col, rule and caret', () => {
    const dir = tree({ 'nginx/conf.d/app.conf': BROKEN_WS });
    const r = runCli(['lint', 'nginx'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^nginx\/conf\.d\/app\.conf:3:5 {2}error {2}.*\(nginx\/websocket-upgrade-header\)$/m);
    expect(r.stdout).toContain('  3 |     location /ws/ {');
    expect(r.stdout).toMatch(/^ {4}\| {5}\^~+$/m);
    expect(r.stdout).toMatch(/✖ \d+ problems \(\d+ errors, \d+ warnings?(, \d+ info)?\)/);
  });

  it('exits 0 on a correct config and lists every linted file in JSON, with or without messages', () => {
    const dir = tree({ 'nginx/good.conf': GOOD_WS, 'nginx/bad.conf': BROKEN_WS, 'nginx/README.md': '# not a config' });
    const r = runCli(['lint', '--format', 'json', 'nginx'], dir);
    expect(r.code).toBe(1);
    const results = json(r.stdout);
    expect(results.map((x) => path.basename(x.filePath))).toEqual(['bad.conf', 'good.conf']);
    expect(results[1].messages).toEqual([]);
    expect(results[0].errorCount).toBeGreaterThan(0);
    expect(runCli(['lint', 'nginx/good.conf'], dir).code).toBe(0);
  });

  it('skips files of unknown dialect (quietly with --no-error-on-unmatched-pattern), but lints one named with --dialect', () => {
    const dir = tree({ 'supervisord.conf': '[program:x]\ncommand=/bin/true\n', 'mime.types': 'types {\n    text/html html;\n' });
    const skipped = runCli(['lint', '--no-error-on-unmatched-pattern', '--format', 'json', 'supervisord.conf'], dir);
    expect(skipped.code).toBe(0);
    expect(json(skipped.stdout)).toEqual([]);
    const forced = runCli(['lint', '--dialect', 'nginx', '--format', 'json', 'mime.types'], dir);
    expect(forced.code).toBe(1);
    const [res] = json(forced.stdout);
    expect(res.messages[0]).toMatchObject({ fatal: true, line: 3, column: 1, message: 'unexpected end of file, expecting "}"', ruleId: 'core/syntax-error' });
  });

  it('reports a syntax error as one fatal message at nginx\'s line and column', () => {
    const dir = tree({ 'nginx.conf': 'http {\n    server {\n        listen 80\n    }\n}\n' });
    const r = runCli(['lint', '--format', 'json', 'nginx.conf'], dir);
    expect(r.code).toBe(1);
    expect(json(r.stdout)[0].messages).toEqual([
      expect.objectContaining({ ruleId: 'core/syntax-error', fatal: true, severity: 2, line: 4, column: 5, message: 'unexpected "}"' }),
    ]);
  });

  it('lints a fragment in the context of the nginx.conf that includes it (the map lives there)', () => {
    const conf = `events {}\nhttp {\n    map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n    include conf.d/*.conf;\n}\n`;
    const app = GOOD_WS.replace('"upgrade"', '$connection_upgrade');
    const dir = tree({ 'nginx.conf': conf, 'conf.d/app.conf': app });
    const r = runCli(['lint', '--format', 'json', 'conf.d/app.conf'], dir);
    expect(json(r.stdout)).toEqual([expect.objectContaining({ messages: [] })]);
    expect(r.code).toBe(0);
    // Without the map in nginx.conf, the same fragment uses an undefined variable (nginx -t fails).
    const dir2 = tree({ 'nginx.conf': conf.replace(/ {4}map.*\n/, ''), 'conf.d/app.conf': app });
    const r2 = runCli(['lint', '--format', 'json', 'conf.d/app.conf'], dir2);
    expect(json(r2.stdout)[0].messages.map((m) => m.ruleId)).toContain('nginx/undefined-variable');
  });

  it('reports a missing include as a finding, not a crash', () => {
    const dir = tree({ 'nginx.conf': 'events {}\nhttp {\n    include /nonexistent/proxylint/*.conf;\n    include missing.conf;\n}\n' });
    const r = runCli(['lint', '--format', 'json', 'nginx.conf'], dir);
    expect(r.code).toBe(1);
    // An absolute path outside the tree is not read (hermetic): a warning naming the mapping
    // option, not an error; a relative include missing from the tree is nginx's open() failure.
    expect(json(r.stdout)[0].messages).toEqual([
      expect.objectContaining({ ruleId: 'core/include-unmapped', severity: 0, line: 3, column: 5, message: expect.stringContaining('includes.map') }),
      expect.objectContaining({ ruleId: 'core/include-not-found', severity: 2, line: 4, column: 5 }),
    ]);
  });

  it('reads non-UTF-8 files without losing bytes', () => {
    const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n' + BROKEN_WS)]);
    const dir = tree({ 'nginx/app.conf': latin1 });
    const r = runCli(['lint', '--fix', 'nginx/app.conf'], dir);
    expect(r.code).toBe(0);
    const after = fs.readFileSync(path.join(dir, 'nginx/app.conf'));
    expect(after.subarray(0, 7)).toEqual(latin1.subarray(0, 7));
    expect(after.includes(Buffer.from('proxy_set_header Upgrade $http_upgrade;'))).toBe(true);
  });

  it('exits 2 for a missing path, an unknown option and an unknown format', () => {
    const dir = tree({});
    expect(runCli(['lint', 'nope.conf'], dir)).toMatchObject({ code: 2 });
    expect(runCli(['lint', '--bogus', '.'], dir)).toMatchObject({ code: 2 });
    const f = runCli(['lint', '--format', 'xml', '.'], dir);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/unknown format "xml"/);
  });

  it('exits 2 naming the key when the configuration is invalid', () => {
    const dir = tree({ '.proxylint.yaml': 'targets:\n  ngnix: "1.22.1"\n', 'nginx.conf': GOOD_WS });
    const r = runCli(['lint', 'nginx.conf'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Key "targets": unexpected property "ngnix"\. Expected properties: "nginx", "apache", "squid", "haproxy"\./);
  });

  it('honours --max-warnings and --quiet', () => {
    const dir = tree({ 'nginx/app.conf': GOOD_WS.replace('proxy_read_timeout 1h;', 'proxy_read_timeout 10s;') });
    const base = json(runCli(['lint', '--format', 'json', 'nginx'], dir).stdout)[0];
    expect(base.errorCount).toBe(0);
    expect(base.messages.length).toBeGreaterThan(0);
    expect(runCli(['lint', 'nginx'], dir).code).toBe(0);
    expect(runCli(['lint', '--max-warnings', '0', 'nginx'], dir).code).toBe(1);
    expect(json(runCli(['lint', '--quiet', '--format', 'json', 'nginx'], dir).stdout)[0].messages).toEqual([]);
  });
});

describe('proxylint lint --fix', () => {
  it('fixes in place, keeps everything else byte-identical and the file mode, and a second run changes nothing', () => {
    const crlf = BROKEN_WS.replace(/\n/g, '\r\n');
    const dir = tree({ 'nginx/app.conf': crlf });
    const file = path.join(dir, 'nginx/app.conf');
    fs.chmodSync(file, 0o640);
    const r = runCli(['lint', '--fix', 'nginx/app.conf'], dir);
    expect(r.code).toBe(0);
    const fixed = fs.readFileSync(file, 'utf8');
    expect(fixed).toContain('proxy_set_header Upgrade $http_upgrade;\r\n');
    expect(fixed.replace(/\r\n/g, '')).not.toContain('\n'); // line endings copied, no bare LF
    expect(fixed.startsWith('server {\r\n    listen 80;\r\n    location /ws/ {\r\n        proxy_pass http://127.0.0.1:3000;\r\n')).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['app.conf']); // no temp file left behind
    runCli(['lint', '--fix', 'nginx/app.conf'], dir);
    expect(fs.readFileSync(file, 'utf8')).toBe(fixed);
  });

  it('--diff prints a diff git apply accepts and exits 1; --fix-dry-run writes nothing', () => {
    const dir = tree({ 'nginx/app.conf': BROKEN_WS });
    const d = runCli(['lint', '--diff', 'nginx/app.conf'], dir);
    expect(d.code).toBe(1);
    expect(d.stdout).toMatch(/^--- a\/nginx\/app\.conf\n\+\+\+ b\/nginx\/app\.conf\n@@ /m);
    expect(fs.readFileSync(path.join(dir, 'nginx/app.conf'), 'utf8')).toBe(BROKEN_WS);
    const dry = runCli(['lint', '--fix-dry-run', '--format', 'json', 'nginx/app.conf'], dir);
    expect((json(dry.stdout)[0] as unknown as { output: string }).output).toContain('proxy_set_header Upgrade');
    expect(fs.readFileSync(path.join(dir, 'nginx/app.conf'), 'utf8')).toBe(BROKEN_WS);
  });
});
