import { argRange } from '../../../src/core/ast';
import { fitMessage } from '../../../src/core/message';
import { defineRule } from '../../../src/core/rule';
import type { HaproxyAnalysis } from '../../../src/dialects/haproxy/analysis';

/**
 * HAProxy connects to servers after `chroot`, so a server's absolute unix socket path is opened
 * inside the jail (dialects/haproxy/chroot): 503 for every request (SC--), or the server DOWN
 * with `check` ("No such file or directory"). Certain, so an error, when the path already starts
 * with the jail dir or is a bind of this config (bound before the chroot, outside it). Otherwise
 * info: it works exactly when the other program makes its socket at the jail path, which the
 * config does not say (a path written from the jail's root, the right way, looks the same). No
 * fix: the path written from the jail's root would be that undecided case.
 */
export default defineRule<HaproxyAnalysis>({
  id: 'haproxy/unix-server-outside-chroot',
  dialect: 'haproxy',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "A server's unix socket path is opened inside HAProxy's chroot, where the socket is not, so the backend is unreachable.",
    evidence: [
      'observed: HAProxy 2.6.12 as root, chroot J, server unix@/tmp/app.sock → 503 SC-- (200 without chroot, or with the socket at J/tmp/app.sock)',
      'reported: python-websockets/websockets#971',
    ],
  },
  check(ctx) {
    const a = ctx.analysis;
    const jail = a.jail;
    if (!jail) return;
    for (const s of a.jailedServers) {
      const name = s.server.args[0];
      const at = `chroot ${jail.dir}`;
      if (s.kind === 'jail-dir') {
        const address = s.server.args[1];
        const fixed = address.slice(0, address.length - s.path.length) + s.path.slice(jail.dir.length);
        ctx.report({
          node: s.server,
          range: argRange(s.server, 1),
          severity: 'error',
          message: fitMessage(`server ${name}'s socket is looked up inside ${at}, as ${s.opened}: write ${fixed}`, `server ${name}'s socket is looked up inside the chroot, as ${s.opened}: write ${fixed}`, `this socket is looked up inside the chroot: write it as ${fixed}`),
        });
      } else if (s.kind === 'own-bind') {
        ctx.report({
          node: s.server,
          range: argRange(s.server, 1),
          severity: 'error',
          message: fitMessage(
            `server ${name}'s socket is looked up inside ${at}, as ${s.opened}, not the one bound outside it`,
            `server ${name}'s socket is looked up inside the chroot, as ${s.opened}, not the one bound outside it`,
            'this socket is looked up inside the chroot, not the one its bind line made outside it',
          ),
        });
      } else {
        ctx.report({
          node: s.server,
          range: argRange(s.server, 1),
          severity: 'info',
          message: fitMessage(
            `server ${name}'s socket is looked up inside ${at}, as ${s.opened}: 503 unless it is made there`,
            `server ${name}'s socket is looked up inside the chroot, as ${s.opened}: 503 unless it is made there`,
            'this socket is looked up inside the chroot: 503 unless the program makes it there',
          ),
        });
      }
    }
  },
});
