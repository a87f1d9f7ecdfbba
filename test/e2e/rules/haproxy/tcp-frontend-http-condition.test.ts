/**
 * haproxy/tcp-frontend-http-condition on the real HAProxy 2.6.12: a mode tcp frontend routes
 * `/gotify/` to an HTTP backend (the ws echo) with `use_backend … if { path -i -m beg /gotify/ }`
 * and no default_backend (gotify/website#48). The client connects and writes its handshake
 * 200 ms later, so use_backend runs before any request byte: the connection is closed with no
 * response (log: <NOSRV>), whether or not there is an inspect-delay without a content rule; the
 * rule fires. With `tcp-request inspect-delay 5s` + `tcp-request content accept if HTTP`, or
 * `tcp-request content switch-mode http`: 101 + echo, and the rule is silent. haproxy -c calls
 * every one of them valid. The very text that runs is linted, placeholders included.
 */
import * as net from 'node:net';
import rule from '../../../../rules/haproxy/tcp-frontend-http-condition';
import { lintWithRule } from '../../../support/lint-case';
import { describeWithServer, haproxy, withBackend, withServer } from '../../harness';

const config = (extra: string) =>
  'global\n    log stdout format raw local0\n' +
  `frontend gotify\n    log global\n    option tcplog\n    bind 127.0.0.1:@PORT@\n${extra}    use_backend ws if { path -i -m beg /gotify/ }\n    timeout client 10s\n` +
  'backend ws\n    mode http\n    timeout connect 2s\n    timeout server 10s\n    server echo 127.0.0.1:@BACKEND_PORT@\n';

const USE_LINE = (extra: string) => 7 + extra.split('\n').length - 1;

/** Connects, waits `delayMs`, writes a WebSocket handshake for /gotify/stream: the status line, or 'closed'. */
function lateHandshake(port: number, delayMs: number): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let got = '';
    const done = (r: string) => {
      clearTimeout(timer);
      s.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done(got ? got.split('\r\n')[0] : 'no answer'), 4000);
    s.on('connect', () =>
      setTimeout(() => s.write('GET /gotify/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'), delayMs),
    );
    s.on('data', (d) => {
      got += d.toString('latin1');
      if (got.includes('\r\n')) done(got.split('\r\n')[0]);
    });
    s.on('close', () => done(got ? got.split('\r\n')[0] : 'closed'));
    s.on('error', () => done('closed'));
  });
}

async function run(text: string): Promise<{ status: string; log: string }> {
  return withBackend((backend) =>
    withServer(haproxy, text, { backendPort: backend.port }, async (server) => {
      const status = await lateHandshake(server.port, 200);
      await new Promise((r) => setTimeout(r, 100));
      return { status, log: server.log('stdout') };
    }),
  );
}

const findings = (text: string) => lintWithRule('haproxy', rule, text).findings;

describeWithServer('haproxy', 'haproxy/tcp-frontend-http-condition on HAProxy 2.6.12', () => {
  test.each([
    ['no inspect-delay', ''],
    ['an inspect-delay without a content rule', '    tcp-request inspect-delay 5s\n'],
    ['an inspect-delay with a content rule reading nothing', '    tcp-request inspect-delay 5s\n    tcp-request content accept if { src 127.0.0.1 }\n'],
  ])('%s: valid for haproxy -c, the connection is closed unanswered; the rule fires', async (_name, extra) => {
    const bad = config(extra);
    expect(findings(bad)).toEqual([
      { line: USE_LINE(extra), column: 25, message: 'path is tested before the request arrives (mode tcp without a tcp-request inspect-delay wait): the connection is closed' },
    ]);
    expect((await haproxy.check(bad)).ok).toBe(true);
    const { status, log } = await run(bad);
    expect(status).toBe('closed');
    expect(log).toMatch(/ gotify gotify\/<NOSRV> /);
  });

  test.each([
    ['inspect-delay + content accept if HTTP', '    tcp-request inspect-delay 5s\n    tcp-request content accept if HTTP\n'],
    ['switch-mode http', '    tcp-request content switch-mode http\n'],
    // bigbluebutton/docker's protocol switch waits this way (a capture, not a condition)
    ['inspect-delay + content capture req.payload(0,1) len 1', '    tcp-request inspect-delay 5s\n    tcp-request content capture req.payload(0,1) len 1\n'],
  ])('%s: 101 through the HTTP backend; clean', async (_name, extra) => {
    const good = config(extra);
    expect(findings(good)).toEqual([]);
    const { status, log } = await run(good);
    expect(status).toBe('HTTP/1.1 101 Switching Protocols');
    expect(log).toMatch(/ gotify ws\/echo /);
  });

  // A listen that misses and has no default_backend sends the connection to its own servers
  // (here the echo too, so it answers 101): the miss is reported, with where it lands.
  test('a listen with its own servers: the miss lands on them (101 via the listen); the rule says so', async () => {
    const listen =
      'global\n    log stdout format raw local0\n' +
      'listen gotify\n    mode tcp\n    log global\n    option tcplog\n    bind 127.0.0.1:@PORT@\n    use_backend ws if { path -i -m beg /gotify/ }\n    timeout client 10s\n    timeout connect 2s\n    timeout server 10s\n    server own 127.0.0.1:@BACKEND_PORT@\n' +
      'backend ws\n    mode http\n    timeout connect 2s\n    timeout server 10s\n    server echo 127.0.0.1:@BACKEND_PORT@\n';
    expect(findings(listen)).toEqual([
      { line: 8, column: 25, message: 'path is tested before the request arrives (mode tcp without a tcp-request inspect-delay wait): its own servers get it' },
    ]);
    expect((await haproxy.check(listen)).ok).toBe(true);
    const { status, log } = await run(listen);
    expect(status).toBe('HTTP/1.1 101 Switching Protocols');
    expect(log).toMatch(/ gotify gotify\/own /);
  });

  // nextcloud/all-in-one's OPNsense export: the use_backend names the default_backend, so the
  // miss lands where a match would (101 through it), and the rule is silent.
  test('the use_backend names the default_backend: 101 through it whether the test misses or not; clean', async () => {
    const same = config('    default_backend ws\n');
    expect(findings(same)).toEqual([]);
    expect((await haproxy.check(same)).ok).toBe(true);
    const { status, log } = await run(same);
    expect(status).toBe('HTTP/1.1 101 Switching Protocols');
    expect(log).toMatch(/ gotify ws\/echo /);
  });
});
