/**
 * haproxy/websocket-tunnel-timeout over Debian 12's stock /etc/haproxy/haproxy.cfg (the shared
 * corpus). Lint only: the stock file chroots, drops to user haproxy and logs to /dev/log.
 * The stock file has global + defaults only (mode http, timeout client/server 50000, no timeout
 * tunnel) and no frontend/backend/listen: nothing carries traffic, so the rule — which checks
 * backends and listens — has nothing to report. The first proxy added to it inherits the 50 s
 * limits; once a frontend routes WebSockets to it, the rule reports on the defaults section.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import rule from '../../../../rules/haproxy/websocket-tunnel-timeout';
import { lintCase } from '../../../support/lint-case';
import { CORPUS_DIR, describeWithCorpus } from '../../../support/paths';

const STOCK = path.join(CORPUS_DIR, 'haproxy', 'debian-etc-haproxy', 'haproxy.cfg');

describeWithCorpus("haproxy/websocket-tunnel-timeout over Debian's stock haproxy.cfg", () => {
  test('stock file alone: no finding — it has no frontend, backend or listen section', () => {
    const code = fs.readFileSync(STOCK, 'utf8');
    const sections = code.split('\n').filter((l) => /^[a-z]/.test(l)).map((l) => l.trim());
    expect(sections).toEqual(['global', 'defaults']);
    const body = code.slice(code.indexOf('\ndefaults'));
    expect(body).toMatch(/^\s*mode\s+http$/m);
    expect(body).toMatch(/^\s*timeout client\s+50000$/m);
    expect(body).toMatch(/^\s*timeout server\s+50000$/m);
    expect(body).not.toMatch(/timeout\s+tunnel/);
    expect(lintCase('haproxy', [rule], { code }).messages).toEqual([]);
  });

  test('stock file + one frontend/backend with nothing saying WebSocket: not judged (mode http alone is no intent)', () => {
    const stock = fs.readFileSync(STOCK, 'utf8');
    const code = `${stock}\nfrontend www\n\tbind :8080\n\tdefault_backend app\n\nbackend app\n\tserver s1 127.0.0.1:3000\n`;
    expect(lintCase('haproxy', [rule], { code }).messages).toEqual([]);
  });

  test('stock file + a frontend routing /ws to a backend: info on defaults (50000 ms limits, heartbeat unknown); the fix adds timeout tunnel 1h there', () => {
    const stock = fs.readFileSync(STOCK, 'utf8');
    const code = `${stock}\nfrontend www\n\tbind :8080\n\tacl is_ws path_beg /ws\n\tuse_backend app if is_ws\n\nbackend app\n\tserver s1 127.0.0.1:3000\n`;
    const r = lintCase('haproxy', [rule], { code });
    const defaultsLine = stock.split('\n').indexOf('defaults') + 1;
    expect(r.messages.map(({ line, column, message, raw }) => ({ line, column, message, severity: raw.severity }))).toEqual([
      {
        line: defaultsLine,
        column: 1,
        severity: 'info',
        message:
          'backend app, no timeout tunnel: timeout client 50000 (frontend www) closes idle WebSockets unless the app pings',
      },
    ]);
    expect(r.output).toBe(code.replace('        timeout server  50000\n', '        timeout server  50000\n        timeout tunnel 1h\n'));
    expect(lintCase('haproxy', [rule], { code: r.output }).messages).toEqual([]);
  });

  test("stock file + Socket.IO routed by path: its 25 s ping fits in the 50 s limits, no finding", () => {
    const stock = fs.readFileSync(STOCK, 'utf8');
    const code = `${stock}\nfrontend www\n\tbind :8080\n\tacl sio path_beg /socket.io/\n\tuse_backend app if sio\n\nbackend app\n\tserver s1 127.0.0.1:3000\n`;
    expect(lintCase('haproxy', [rule], { code }).messages).toEqual([]);
  });
});
