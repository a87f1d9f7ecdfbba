/** Redaction and control-character escaping: what the four dialects' credentials look like, and what must survive. */
import { escapeControls, forDisplay, jsonSafe, redact, sanitize } from '../../src/core/redact';

describe('redact', () => {
  it.each([
    // URL userinfo, every dialect's proxy target
    ['proxy_pass http://u:p@h:8080/x;', 'proxy_pass http://u:***@h:8080/x;'],
    ['ProxyPass /ws/ ws://admin:S3cr3t@10.0.0.5:3000/ws/', 'ProxyPass /ws/ ws://admin:***@10.0.0.5:3000/ws/'],
    ['RewriteRule ^/(.*) http://bob:pa@ss@backend/$1 [P]', 'RewriteRule ^/(.*) http://bob:***@backend/$1 [P]'],
    ['https://ghp_abcdef123456@github.com/x', 'https://***@github.com/x'],
    ['a path http://h/p@x is no userinfo', 'a path http://h/p@x is no userinfo'],
    ['http://host:8080/', 'http://host:8080/'],
    ['/cwd/https:/user:pw@host/cfg.yaml', '/cwd/https:/user:***@host/cfg.yaml'],
    // proxy variables, with and without a scheme
    ['HTTPS_PROXY=http://user:hunter2@proxy:3128', 'HTTPS_PROXY=http://user:***@proxy:3128'],
    ['export https_proxy="user:hunter2@proxy:3128"', 'export https_proxy="user:***@proxy:3128"'],
    ['ALL_PROXY=tok@proxy', 'ALL_PROXY=***@proxy'],
    ['no_proxy=localhost,127.0.0.1', 'no_proxy=localhost,127.0.0.1'],
    // Authorization headers
    ['proxy_set_header Authorization "Basic dXNlcjpwYXNz";', 'proxy_set_header Authorization "Basic ***";'],
    ["proxy_set_header Proxy-Authorization 'Bearer eyJhbGciOi.x.y';", "proxy_set_header Proxy-Authorization 'Bearer ***';"],
    ['proxy_set_header Authorization $http_authorization;', 'proxy_set_header Authorization $http_authorization;'],
    ['http-request set-header Authorization "Basic YWxhZGRpbjpvcGVu"', 'http-request set-header Authorization "Basic ***"'],
    ['http-request set-header Authorization Basic\\ YWxhZGRpbjpvcGVu', 'http-request set-header Authorization Basic\\ ***'],
    ['http-request set-header Authorization %[var(txn.auth)]', 'http-request set-header Authorization %[var(txn.auth)]'],
    ['RequestHeader set Authorization "Bearer abc.def"', 'RequestHeader set Authorization "Bearer ***"'],
    ['request_header_add Authorization "Basic QWxhZGRpbg==" all', 'request_header_add Authorization "Basic ***" all'],
    ['Authorization: Basic QWxhZGRpbg==', 'Authorization: Basic ***'],
    ['"Authorization": "Digest username=x"', '"Authorization": "Digest ***"'],
    ['set-header Authorization dXNlcjpwYXNzd29yZA', 'set-header Authorization ***'],
    ['sets the Authorization header (line 5)', 'sets the Authorization header (line 5)'],
    // Squid, HAProxy, Apache specifics
    ['cache_peer p parent 3128 0 login=alice:wonder1and', 'cache_peer p parent 3128 0 login=alice:***'],
    ['cache_peer p parent 3128 0 login=PASSTHRU', 'cache_peer p parent 3128 0 login=PASSTHRU'],
    ['    user admin insecure-password hunter2', '    user admin insecure-password ***'],
    ['    user admin password $6$salt$hash', '    user admin password ***'],
    ['    stats auth admin:hunter2', '    stats auth admin:***'],
    ['AuthLDAPBindPassword "s3cret"', 'AuthLDAPBindPassword ***'],
    ['http://h/x?user=a&password=b1&x=1', 'http://h/x?user=a&password=***&x=1'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
    expect(redact(expected)).toBe(expected); // idempotent
  });
});

describe('escapeControls', () => {
  it.each([
    ['\u001b[2J\u001b[32mFAKE-OK', '\\x1b[2J\\x1b[32mFAKE-OK'],
    ['a\nb\rc', 'a\\nb\\rc'],
    ['tab\tkept', 'tab\tkept'],
    ['nul\u0000 del\u007f csi\u009b', 'nul\\x00 del\\x7f csi\\x9b'],
    ['bidi\u202eevil\u2066', 'bidi\\u202eevil\\u2066'],
    ['ünïcødé ✔ stays', 'ünïcødé ✔ stays'],
  ])('%j', (input, expected) => expect(escapeControls(input)).toBe(expected));

  it('keepNewlines keeps LF and CRLF, escapes a lone CR', () => {
    expect(escapeControls('a\nb\r\nc\rd\u001b', { keepNewlines: true })).toBe('a\nb\r\nc\\rd\\x1b');
  });
});

describe('sanitize maps offsets (carets)', () => {
  it('past a masked password and an escaped ESC', () => {
    const line = '\u001bproxy_pass http://u:longpassword@h;';
    const s = sanitize(line);
    expect(s.text).toBe('\\x1bproxy_pass http://u:***@h;');
    const at = line.indexOf('@h');
    expect(s.text.slice(s.map(at), s.map(at) + 2)).toBe('@h');
    expect(s.text.slice(s.map(1), s.map(1) + 10)).toBe('proxy_pass');
    // An offset inside the password maps to the mask's start.
    expect(s.text.slice(s.map(line.indexOf('longpassword') + 3), s.map(line.indexOf('longpassword') + 3) + 3)).toBe('***');
  });

  it('forDisplay is redact + escape', () => expect(forDisplay('http://a:b@c\n')).toBe('http://a:***@c\\n'));
});

it('jsonSafe escapes what JSON.stringify leaves raw, keeping the same value', () => {
  const v = { m: 'x\u009b\u202e\u2028y\u001b' };
  const j = jsonSafe(JSON.stringify(v));
  expect(j).toBe('{"m":"x\\u009b\\u202e\\u2028y\\u001b"}');
  expect(JSON.parse(j)).toEqual(v);
});
