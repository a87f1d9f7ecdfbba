import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

const global = (lines: string) => `global\n    log stdout format raw local0\n${lines}`;
const defaults = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n';
const front = 'frontend fe\n    bind :80\n    default_backend be\n';
const back = (server: string) => `backend be\n    server s1 ${server}\n`;
const cfg = (g: string, server: string, extra = '') => global(g) + defaults + front + back(server) + extra;

ruleTester(rule, {
  valid: [
    { name: 'no chroot: the path is opened as written', code: cfg('', 'unix@/tmp/app.sock') },
    { name: 'chroot / jails nothing', code: cfg('    chroot /\n', 'unix@/tmp/app.sock') },
    { name: 'an abstract socket has no path to resolve', code: cfg('    chroot /var/lib/haproxy\n', 'abns@app', 'listen hop\n    bind abns@app\n    server e 127.0.0.1:8080\n') },
    { name: 'a relative path is taken from the jail root already', code: cfg('    chroot /var/lib/haproxy\n', 'unix@app.sock') },
    { name: 'TCP servers are not looked up in the file system', code: cfg('    chroot /var/lib/haproxy\n', '127.0.0.1:8080') },
    { name: 'a path built from the environment is not known', code: cfg('    chroot /var/lib/haproxy\n', 'unix@${APP_SOCK}') },
    { name: 'a chroot built from the environment is not known', code: cfg('    chroot ${JAIL}\n', 'unix@/tmp/app.sock') },
    { name: 'a chroot outside a global section is not one', code: 'defaults\n    chroot /var/lib/haproxy\n' + front + back('unix@/tmp/app.sock') },
    // Binds happen before the chroot: the listening side is never the problem.
    { name: 'a frontend binding a unix path', code: global('    chroot /var/lib/haproxy\n') + 'frontend fe\n    bind unix@/run/fe.sock\n    default_backend be\n' + back('127.0.0.1:8080') },
  ],
  invalid: [
    {
      name: 'websockets#971: a socket another program makes outside the jail',
      code: cfg('    chroot /var/lib/haproxy\n', 'unix@/tmp/lds-1.sock'),
      errors: [{ line: 13, column: 15, endLine: 13, endColumn: 35, severity: 'info', message: "server s1's socket is looked up inside the chroot, as /var/lib/haproxy/tmp/lds-1.sock: 503 unless it is made there" }],
      output: null,
    },
    {
      name: 'a bare absolute path is a unix socket too; a trailing slash on the jail is dropped',
      code: cfg('    chroot /var/lib/haproxy/\n', '/run/php/php-fpm.sock check'),
      errors: [{ line: 13, column: 15, severity: 'info', message: "server s1's socket is looked up inside the chroot, as /var/lib/haproxy/run/php/php-fpm.sock: 503 unless it is made there" }],
      output: null,
    },
    {
      name: 'the path already names the jail: opened nested; the message says the path from the jail root',
      code: cfg('    chroot /var/lib/haproxy\n', 'unix@/var/lib/haproxy/run/app.sock check'),
      errors: [{ line: 13, column: 15, endColumn: 49, severity: 'error', message: 'this socket is looked up inside the chroot: write it as unix@/run/app.sock' }],
      output: null,
    },
    {
      name: 'the first chroot is the one HAProxy keeps',
      code: cfg('    chroot /jail\n    chroot /other\n', '/jail/app.sock'),
      errors: [{ line: 14, column: 15, severity: 'error', message: "server s1's socket is looked up inside chroot /jail, as /jail/jail/app.sock: write /app.sock" }],
      output: null,
    },
    {
      name: "haproxy#2280's chain under a chroot: the hop's server looks for the bound socket inside the jail",
      code: cfg('    chroot /var/lib/haproxy\n', 'unix@/run/sni.sock send-proxy', 'frontend fe_sni\n    bind unix@/run/sni.sock accept-proxy\n    default_backend app\nbackend app\n    server a 127.0.0.1:8080\n'),
      errors: [{ line: 13, column: 15, severity: 'error', message: "server s1's socket is looked up inside the chroot, as /var/lib/haproxy/run/sni.sock, not the one bound outside it" }],
      output: null,
    },
    {
      name: 'unix-bind prefix applies to binds: the bound socket is the prefixed path',
      code: cfg('    chroot /j\n    unix-bind prefix /run/\n', 'unix@/run/sni.sock', 'listen hop\n    bind unix@sni.sock\n    server a 127.0.0.1:8080\n'),
      errors: [{ line: 14, column: 15, severity: 'error', message: "server s1's socket is looked up inside chroot /j, as /j/run/sni.sock, not the one bound outside it" }],
      output: null,
    },
    {
      name: 'long names fall back to shorter wordings (120 characters)',
      code: cfg('    chroot /var/lib/haproxy-jail-for-the-edge-proxy\n', 'unix@/run/applications/websocket-gateway/live.sock'),
      errors: [{ line: 13, column: 15, severity: 'info', message: 'this socket is looked up inside the chroot: 503 unless the program makes it there' }],
      output: null,
    },
  ],
});
