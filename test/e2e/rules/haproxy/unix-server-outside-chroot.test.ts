/**
 * haproxy/unix-server-outside-chroot on the real HAProxy 2.6.12 (as root): the jail is a fresh
 * temp dir (an absolute path in the text, as a real config has); a `listen hop` of the same config binds a unix socket (before the chroot,
 * at the path written) and forwards to the ws echo backend. A server naming that socket by its
 * full path is looked up inside the jail: 503 for the handshake (SC--), an error in the lint. The
 * path written from the jail's root reaches it (101 + echo); the lint then says info only (the
 * config cannot say where a socket made by another program is). No chroot, or abns@: clean, 101.
 * The very text that runs is linted, placeholders included.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import rule from '../../../../rules/haproxy/unix-server-outside-chroot';
import { lintWithRule } from '../../../support/lint-case';
import { describeWithServer, expectWebSocketFails, expectWebSocketWorks, haproxy } from '../../harness';

const config = (chroot: string, server: string, hopBind: string) =>
  `global\n    log stdout format raw local0\n${chroot}` +
  'defaults\n    mode http\n    log global\n    option httplog\n    timeout connect 2s\n    timeout client 10s\n    timeout server 10s\n    timeout tunnel 1h\n' +
  'frontend fe\n    bind 127.0.0.1:@PORT@\n    default_backend be\n' +
  `backend be\n    server s1 ${server}\n` +
  `listen hop\n    bind ${hopBind}\n    server echo 127.0.0.1:@BACKEND_PORT@\n`;

const jailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-e2e-jail-'));
afterAll(() => fs.rmSync(jailDir, { recursive: true, force: true }));
const JAIL = `    chroot ${jailDir}\n`;
const SERVER_LINE = 16;

function findings(text: string) {
  return lintWithRule('haproxy', rule, text).messages.filter((m) => m.ruleId === rule.id).map((m) => [m.line, m.raw.severity, m.message]);
}

describeWithServer('haproxy', 'haproxy/unix-server-outside-chroot on HAProxy 2.6.12', () => {
  test('the socket by its full path under the chroot: 503 (SC--); error naming the path from the jail root', async () => {
    const bad = config(JAIL, `unix@${jailDir}/hop.sock`, `unix@${jailDir}/hop.sock`);
    expect(findings(bad)).toEqual([[SERVER_LINE, 'error', 'this socket is looked up inside the chroot: write it as unix@/hop.sock']]);
    expect((await haproxy.check(bad)).ok).toBe(true);
    const p = await expectWebSocketFails(haproxy, bad, { status: 503 });
    expect(p.logs).toMatch(/ fe be\/s1 .* 503 .* SC-- /);
    expect(p.backendRequests).toEqual([]);
  });

  test('the path written from the jail root reaches the socket: 101 + echo; info only', async () => {
    const fixed = config(JAIL, 'unix@/hop.sock', `unix@${jailDir}/hop.sock`);
    // (the wording with the temp dir's name is longer than 120 characters: the short fallback)
    expect(findings(fixed)).toEqual([[SERVER_LINE, 'info', 'this socket is looked up inside the chroot: 503 unless the program makes it there']]);
    await expectWebSocketWorks(haproxy, fixed);
  });

  test('a bind of this config outside the jail: 503; error', async () => {
    const outside = path.join(os.tmpdir(), `proxylint-e2e-chroot-${process.pid}.sock`);
    const bad = config(JAIL, `unix@${outside}`, `unix@${outside}`);
    expect(findings(bad)).toEqual([[SERVER_LINE, 'error', 'this socket is looked up inside the chroot, not the one its bind line made outside it']]);
    await expectWebSocketFails(haproxy, bad, { status: 503 });
    // The same lines without the chroot: clean and working.
    const unjailed = config('', `unix@${outside}`, `unix@${outside}`);
    expect(findings(unjailed)).toEqual([]);
    await expectWebSocketWorks(haproxy, unjailed);
  });

  test('abns@ (no path) under the chroot: clean, 101 + echo', async () => {
    const ok = config(JAIL, `abns@proxylint-e2e-${process.pid}`, `abns@proxylint-e2e-${process.pid}`);
    expect(findings(ok)).toEqual([]);
    await expectWebSocketWorks(haproxy, ok);
  });
});
