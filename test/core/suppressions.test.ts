/**
 * Suppression ranges through the public API (issue 15: a `proxylint-enable` that ended nothing
 * went unnoticed): `# proxylint-disable RULE` hides the rule's findings until a
 * `# proxylint-enable` that names it (or names no rule); findings after it are reported again.
 */
import * as os from 'node:os';
import { lintText } from '../../src/index';

const RULE = 'nginx/websocket-upgrade-header';
// A WebSocket location without the Upgrade header: one finding of RULE on its `location` line.
const loc = (path: string) => `    location ${path} {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_set_header Connection "upgrade";\n        proxy_read_timeout 1h;\n    }\n`;

function found(text: string): number[] {
  const [r] = lintText(text, { filePath: 'nginx/conf.d/app.conf', cwd: os.tmpdir() });
  return r.messages.filter((m) => m.ruleId === RULE).map((m) => m.line);
}

describe('proxylint-disable / proxylint-enable ranges', () => {
  // Lines: 1 server, 2 comment, 3 location /ws/, 9 comment, 10 location /socket.io/.
  const text = (first: string, second: string) => `server {\n${first}\n${loc('/ws/')}${second}\n${loc('/socket.io/')}}\n`;

  it.each([
    ['without comments both locations are reported', '    # nothing', '    # nothing', [3, 10]],
    ['disable without enable hides both', `    # proxylint-disable ${RULE}`, '    # nothing', []],
    ['enable naming the rule ends the range: the second is reported again', `    # proxylint-disable ${RULE}`, `    # proxylint-enable ${RULE}`, [10]],
    ['enable naming no rule ends every range', `    # proxylint-disable ${RULE}`, '    # proxylint-enable', [10]],
    ['enable of another rule leaves the range open', `    # proxylint-disable ${RULE}`, '    # proxylint-enable nginx/websocket-read-timeout', []],
    ['disable of the dialect prefix, enable of the rule', '    # proxylint-disable nginx', `    # proxylint-enable ${RULE}`, [10]],
    ['a range opened after the first finding hides only the second', '    # nothing', `    # proxylint-disable ${RULE}`, [3]],
  ])('%s', (_name, first, second, lines) => {
    expect(found(text(first, second))).toEqual(lines);
  });
});
