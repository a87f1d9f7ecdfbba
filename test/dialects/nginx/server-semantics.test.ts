/**
 * nginx behaviours the analysis must read as the server does (issue 15, "wrong against the
 * servers"); each row is also run on the real nginx in test/e2e/rules/nginx/server-semantics.
 * - map lookups by nginx's priority (exact, prefix mask, suffix mask, regexes in order, default);
 * - variable names ignore case, and ${name} is $name;
 * - on/off flags ignore case;
 * - a proxy_pass inside `if`/`limit_except` in a location is the location's route, sending the
 *   location's proxy_set_header list (proxy_set_header is not allowed inside `if`);
 * - `Upgrade ""` / `Connection ""` on a WebSocket route are defects, never intent by themselves.
 */
import { rules } from '../../../rules/nginx/index';
import { lintCase } from '../../support/lint-case';
import { parseNginx } from '../../../src/dialects/nginx/parser';
import { collectMaps, evaluateUpgradeMap, lookupMap } from '../../../src/dialects/nginx/analysis/maps';
import { sourceFromText } from '../../../src/core/source';

const L = (...lines: string[]) => lines.join('\n') + '\n';

/** An http block around `body`, a WebSocket location /ws with the given header lines. */
const http = (...body: string[]) => L('events {}', 'http {', ...body.map((l) => '    ' + l), '}');
const WS_OK = ['proxy_http_version 1.1;', 'proxy_read_timeout 1h;', 'proxy_set_header Upgrade $http_upgrade;'];

function findings(code: string, targets?: Record<string, string>): string[] {
  const r = lintCase('nginx', rules, { code, filename: 'nginx.conf', targets });
  return r.messages.filter((m) => m.raw.severity !== 'info').map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.raw.severity} ${m.ruleId}`);
}

describe('map lookups follow nginx priority, not file order', () => {
  const mapOf = (entries: string[], source = '$http_upgrade') => {
    const text = L(`map ${source} $v {`, ...entries.map((e) => '    ' + e), '}');
    const parsed = parseNginx(sourceFromText('/x/nginx.conf', text), null);
    return collectMaps(parsed.nodes).get('v')!;
  };
  const table: [string, string[], string, string][] = [
    // name, entries, input, expected value
    ['an exact key beats an earlier regex', ['~. close;', 'websocket upgrade;', "'' close;"], 'websocket', 'upgrade'],
    ['the first matching regex in file order', ['~^w first;', '~sock second;'], 'websocket', 'first'],
    ['a case-insensitive regex ~*', ['~*^WEBSOCKET$ yes;'], 'websocket', 'yes'],
    ['a case-sensitive regex ~ does not match other case', ['~^WEBSOCKET$ yes;', 'default no;'], 'websocket', 'no'],
    ['exact keys ignore case', ['WebSocket upgrade;', 'default close;'], 'websocket', 'upgrade'],
    ['the empty key for a plain request, before a regex matching it', ['~.* upgrade;', "'' close;"], '', 'close'],
    ['a regex matching the empty value for a plain request', ['~^$ close;', 'default upgrade;'], '', 'close'],
    ['no match: default', ['foo bar;', 'default upgrade;'], 'websocket', 'upgrade'],
    ['no default: empty string', ['foo bar;'], 'websocket', ''],
    ['an escaped key \\~ is a string, not a regex', ['\\~x one;', 'default two;'], '~x', 'one'],
    ['without hostnames, *.a.com is a plain string', ['*.a.com mask;', 'default none;'], 'b.a.com', 'none'],
    ['with hostnames: exact beats masks', ['hostnames;', '*.a.com mask;', 'b.a.com exact;'], 'b.a.com', 'exact'],
    ['with hostnames: the longest prefix mask wins over a shorter earlier one', ['hostnames;', '*.com short;', '*.a.com long;'], 'b.a.com', 'long'],
    ['with hostnames: .a.com matches a.com itself', ['hostnames;', '.a.com dot;', 'default none;'], 'a.com', 'dot'],
    ['with hostnames: *.a.com does not match a.com', ['hostnames;', '*.a.com star;', 'default none;'], 'a.com', 'none'],
    ['with hostnames: a prefix mask beats a suffix mask and a regex', ['hostnames;', '~^b re;', 'b.* tail;', '*.a.com head;'], 'b.a.com', 'head'],
    ['with hostnames: a suffix mask beats a regex', ['hostnames;', '~^b re;', 'b.* tail;'], 'b.a.com', 'tail'],
  ];
  test.each(table)('%s', (_name, entries, input, expected) => {
    expect(lookupMap(mapOf(entries, '$host'), input).value).toBe(expected);
  });

  test('a map over $HTTP_UPGRADE or ${http_upgrade} reads the Upgrade header', () => {
    for (const source of ['$HTTP_UPGRADE', '${http_upgrade}', '$Http_Upgrade']) {
      expect(evaluateUpgradeMap(mapOf(['~. close;', 'websocket upgrade;', "'' close;"], source))).toEqual({ handshake: 'upgrade', plain: 'close' });
    }
    expect(evaluateUpgradeMap(mapOf(['default upgrade;'], '$http_connection'))).toBeUndefined();
  });
});

describe('the nginx rules read configs as nginx does', () => {
  const cases: { name: string; code: string; expected: string[] }[] = [
    {
      name: 'map: exact websocket key after a catch-all regex gives upgrade (nginx: 101)',
      code: http('map $http_upgrade $connection_upgrade {', '    ~.        close;', '    websocket upgrade;', "    ''        close;", '}', 'server {', '    listen 80;', '    location /ws {', '        proxy_pass http://127.0.0.1:9000;', ...WS_OK.map((l) => '        ' + l), '        proxy_set_header Connection $connection_upgrade;', '    }', '}'),
      expected: [],
    },
    {
      name: 'map: a catch-all regex before the only upgrade regex gives close (nginx: 426)',
      code: http('map $http_upgrade $connection_upgrade {', '    ~.        close;', '    ~*^websocket$ upgrade;', '}', 'server {', '    listen 80;', '    location /ws {', '        proxy_pass http://127.0.0.1:9000;', ...WS_OK.map((l) => '        ' + l), '        proxy_set_header Connection $connection_upgrade;', '    }', '}'),
      expected: ['14:13-14:60 error nginx/websocket-connection-header'],
    },
    {
      name: 'map $HTTP_UPGRADE defining $Conn_Up, used as $conn_up and ${http_upgrade} (nginx: 101)',
      code: http('map $HTTP_UPGRADE $Conn_Up {', '    default upgrade;', "    ''      close;", '}', 'server {', '    listen 80;', '    location /ws {', '        proxy_pass http://127.0.0.1:9000;', '        proxy_http_version 1.1;', '        proxy_read_timeout 1h;', '        proxy_set_header Upgrade ${http_upgrade};', '        proxy_set_header Connection $conn_up;', '    }', '}'),
      expected: [],
    },
    {
      name: 'a map over $HTTP_UPGRADE put into Upgrade is still the Connection map (nginx: 426)',
      code: http('map $HTTP_UPGRADE $conn_up {', '    default upgrade;', "    ''      close;", '}', 'server {', '    listen 80;', '    location /ws {', '        proxy_pass http://127.0.0.1:9000;', '        proxy_http_version 1.1;', '        proxy_read_timeout 1h;', '        proxy_set_header Upgrade ${CONN_UP};', '        proxy_set_header Connection $conn_up;', '    }', '}'),
      expected: ['13:13-13:48 error nginx/websocket-upgrade-header'],
    },
    {
      name: 'proxy_buffering OFF is off for an event stream',
      code: http('server {', '    listen 80;', '    location /events {', '        proxy_pass http://127.0.0.1:9000;', '        proxy_buffering OFF;', '    }', '}'),
      expected: [],
    },
    {
      // nginx before 1.25.1 refuses the directive (unknown directive "http2", observed on 1.22.1); from 1.25.1 the port serves HTTP/1.x too
      name: 'http2 ON on a cleartext port makes no HTTP/2-only port',
      code: http('server {', '    listen 80;', '    http2 ON;', '    location /ws {', '        proxy_pass http://127.0.0.1:9000;', ...WS_OK.map((l) => '        ' + l), '        proxy_set_header Connection upgrade;', '    }', '}'),
      expected: [],
    },
    {
      name: 'proxy_pass inside if in a location with no headers (nginx: 426)',
      code: http('server {', '    listen 80;', '    location /ws {', '        if ($http_upgrade) {', '            proxy_pass http://127.0.0.1:9000;', '        }', '    }', '}'),
      expected: ['5:9-5:21 error nginx/websocket-upgrade-header', '5:9-5:21 error nginx/websocket-connection-header'],  // proxy-http-version is info for an unknown backend (issue 8)
    },
    {
      name: 'proxy_pass inside if sends the location\'s headers (nginx: 101)',
      code: http('server {', '    listen 80;', '    location /ws {', ...WS_OK.map((l) => '        ' + l), '        proxy_set_header Connection upgrade;', '        if ($http_upgrade) {', '            proxy_pass http://127.0.0.1:9000;', '        }', '    }', '}'),
      expected: [],
    },
    {
      name: 'proxy_pass inside limit_except is the location\'s route too',
      code: http('server {', '    listen 80;', '    location /ws {', '        limit_except GET {', '            proxy_pass http://127.0.0.1:9000;', '        }', '    }', '}'),
      expected: ['5:9-5:21 error nginx/websocket-upgrade-header', '5:9-5:21 error nginx/websocket-connection-header'],  // proxy-http-version is info for an unknown backend (issue 8)
    },
    {
      name: 'location / sending handshakes to a proxy_pass in if ($http_upgrade = "websocket") is a WebSocket route (nginx: 426)',
      code: http('server {', '    listen 80;', '    location / {', '        if ($http_upgrade = "websocket") {', '            proxy_pass http://127.0.0.1:9001;', '        }', '        proxy_pass http://127.0.0.1:9000;', '    }', '}'),
      expected: ['5:9-5:19 error nginx/websocket-upgrade-header', '5:9-5:19 error nginx/websocket-connection-header'],  // proxy-http-version is info for an unknown backend (issue 8)
    },
    {
      name: 'an if on another header is no WebSocket signal',
      code: http('server {', '    listen 80;', '    location / {', '        if ($http_x_debug) {', '            proxy_pass http://127.0.0.1:9001;', '        }', '        proxy_pass http://127.0.0.1:9000;', '    }', '}'),
      expected: [],
    },
    {
      name: 'Connection "" on a WebSocket path drops the upgrade (nginx: 426)',
      code: http('upstream app { server 127.0.0.1:9000; keepalive 8; }', 'server {', '    listen 80;', '    location /socket.io/ {', '        proxy_pass http://app;', ...WS_OK.map((l) => '        ' + l), '        proxy_set_header Connection "";', '    }', '}'),
      expected: ['11:13-11:43 error nginx/websocket-connection-header'],
    },
    {
      name: 'Connection "" alone on a plain route is the keep-alive recipe, not a WebSocket signal',
      code: http('upstream app { server 127.0.0.1:9000; keepalive 8; }', 'server {', '    listen 80;', '    location /api/ {', '        proxy_pass http://app;', '        proxy_http_version 1.1;', '        proxy_set_header Connection "";', '    }', '}'),
      expected: [],
    },
    {
      name: 'Upgrade "" on a WebSocket path: not sent (nginx: 426)',
      code: http('server {', '    listen 80;', '    location /ws {', '        proxy_pass http://127.0.0.1:9000;', '        proxy_http_version 1.1;', '        proxy_read_timeout 1h;', '        proxy_set_header Upgrade "";', '        proxy_set_header Connection upgrade;', '    }', '}'),
      expected: ['9:13-9:40 error nginx/websocket-upgrade-header'],
    },
    {
      name: 'Upgrade "" alone on location / is no WebSocket signal',
      code: http('server {', '    listen 80;', '    location / {', '        proxy_pass http://127.0.0.1:9000;', '        proxy_set_header Upgrade "";', '    }', '}'),
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ code, expected }) => {
    expect(findings(code)).toEqual(expected);
  });
});
