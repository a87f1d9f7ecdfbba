/**
 * Which variables an nginx configuration defines and where it uses them (nginx/analysis/variables).
 * Each row is what nginx 1.22.1 does with the lines (`nginx -t`): a use of a variable nothing
 * defines fails with `unknown "name" variable`; a `$` where nginx reads no script is no use.
 */
import type { Directive, Node } from '../../../src/core/ast';
import { positionAt } from '../../../src/core/positions';
import { sourceFromText } from '../../../src/core/source';
import { definedVariables, variableUses } from '../../../src/dialects/nginx/analysis/variables';
import { parseNginx } from '../../../src/dialects/nginx/parser';

const lineOf = (d: Directive) => positionAt(d.file, d.start).line;

function parse(text: string, path = '/v/site.conf'): Node[] {
  return parseNginx(sourceFromText(path, text)).nodes;
}

/** Each use as `directive#argument:$name as written`. */
function uses(text: string, path?: string): string[] {
  const u = variableUses(parse(text, path));
  const out: string[] = [];
  for (let i = 0; i < u.length; i++) {
    const d = u.directive(i);
    const written = d.file.text.slice(u.start(i), u.end(i));
    expect(written.replace(/[${}]/g, '')).toBe(u.name(i));
    out.push(`${d.key}#${u.arg(i)}:${written}`);
  }
  return out;
}

/** Each defined name with the directive that defines it first. */
function defined(text: string): string[] {
  return [...definedVariables(parse(text))].map(([name, d]) => `${name}<${d.key}@${lineOf(d)}`);
}

describe('variableUses: where nginx evaluates a $variable', () => {
  test.each([
    ['a header value: $name and ${name} (braces let a name run into text)', 'proxy_set_header X-A "$host:${server_port}x";', ['proxy_set_header#1:$host', 'proxy_set_header#1:${server_port}']],
    ['names end at the first character that is no letter, digit or _', 'add_header X $a_b9Z/$Zz0-$_q.$az@;', ['add_header#1:$a_b9Z', 'add_header#1:$Zz0', 'add_header#1:$_q', 'add_header#1:$az']],
    ['name characters at the edges of the ranges', 'add_header X "$a0 $z9 $A $Z $a` $a[ $a: $a/";', ['add_header#1:$a0', 'add_header#1:$z9', 'add_header#1:$A', 'add_header#1:$Z', 'add_header#1:$a', 'add_header#1:$a', 'add_header#1:$a', 'add_header#1:$a']],
    ['$1 is a capture, a lone $ and a name starting with a digit are no use', 'return 200 "$1a $ $9 x$";', []],
    ['${name without its closing brace is no use (nginx: the closing bracket is missing)', 'add_header X "${foo";', []],
    ['${} names nothing', 'add_header X "${}$";', []],
    // nginx 1.22.1 -t: unknown "foo" variable, quoted or not.
    ['a backslash before $ escapes nothing', 'return 200 "a\\$foo"; return 200 a\\$bar;', ['return#1:$foo', 'return#1:$bar']],
    ['every argument of a script directive', 'proxy_pass http://$upstream_a$request_uri; add_header $h $v always;', ['proxy_pass#0:$upstream_a', 'proxy_pass#0:$request_uri', 'add_header#0:$h', 'add_header#1:$v']],
    ['a directive at the top of an included file', 'set $x $y;', ['set#1:$y']],
    ['set defines its first argument and uses the second', 'location / { set $backend $scheme://$host; }', ['set#1:$scheme', 'set#1:$host']],
    ['auth_request_set defines its first argument', 'location / { auth_request_set $user $upstream_http_x_user; }', ['auth_request_set#1:$upstream_http_x_user']],
    ['js_var defines its first argument and may use a value', 'js_var $state $remote_addr;', ['js_var#1:$remote_addr']],
    ['a set-misc set_* directive defines its first argument', 'location / { set_md5 $digest $uri$arg_salt; set_escape_uri $e $arg_q; }', ['set_md5#1:$uri', 'set_md5#1:$arg_salt', 'set_escape_uri#1:$arg_q']],
    ['perl_set and js_set take code or a function, not a script', "perl_set $p 'sub { my $r = shift; $r->uri }'; js_set $j main.$f;", []],
    ['Lua: set_by_lua code, *_by_lua_file paths and lua_* settings are Lua', "set_by_lua $res 'return $x'; content_by_lua_file /lua/$f.lua; lua_package_path '$prefix/lua/?.lua;;';", []],
    ['perl, njs and lua directives without a definition are code as well', "perl_require $a.pm; js_import $b.js; js_content main.$c; js_path /$d; access_by_lua 'ngx.exit($e)'; perl_modules /$g; js_include /$i; js_header_filter m.$k; js_body_filter m.$l; perl '$m';", []],
    // nginx 1.22.1 -t takes each with no $x defined.
    ['a location, server_name or valid_referers is a pattern or a name', 'server { server_name a$x.example; location /$x { valid_referers none $x; sub_filter_types text/$x; } }', []],
    ['types entries are MIME types and extensions', 'types { text/$x html; text/html h$x; }', []],
    // nginx refuses `C0 $x` as an invalid value, not as a variable.
    ['charset_map entries are character codes', 'charset_map koi8-r utf-8 { C0 $x; }', []],
    // map: the source is a script, the target a definition, entry keys literal, values scripts.
    ['map: source and entry values are uses; keys and the target are not', 'map $http_upgrade$uri $c { hostnames; s3cr$t $a$b; volatile; x$y 1; default $zzz; ~^/(?<s>.+)$ $s; }', ['map#0:$http_upgrade', 'map#0:$uri', 's3cr$t#0:$a', 's3cr$t#0:$b', 'default#0:$zzz', '~^/(?<s>.+)$#0:$s']],
    // nginx 1.22.1 -t: `map $uri $m { set $zzz; }` fails with unknown "zzz" variable.
    ['map: an entry keyed like a directive is an entry: its value is a script', 'map $uri $m { set $a; rewrite $b; if $c; proxy_redirect ~$d; }', ['map#0:$uri', 'set#0:$a', 'rewrite#0:$b', 'if#0:$c', 'proxy_redirect#0:$d']],
    ['geo: the source is a use; values are literal (nginx takes `default $zzz`)', 'geo $remote_addr $g { default $zzz; 10.0.0.0/8 a$y; } geo $h { default 0; }', ['geo#0:$remote_addr']],
    ['split_clients: the source is a use; values are literal', 'split_clients "${remote_addr}x" $v { 50% $zzz; * b; }', ['split_clients#0:${remote_addr}']],
    ['a map, geo or split_clients without a block is no source', 'map $a $b; geo $c $d; split_clients $e $f;', []],
    // rewrite: the pattern is a regex, the replacement a script.
    ['rewrite: the pattern is a regex', 'location / { rewrite ^/a$b /c$uri last; }', ['rewrite#1:$uri']],
    ['if: a regex operand after ~, ~*, !~, !~* is no script', 'if ($uri ~ ^/a$x) { } if ($uri ~* ^/a$x) { } if ($uri !~ ^/a$x) { } if ($uri !~* ^/a$x) { }', ['if#0:$uri', 'if#0:$uri', 'if#0:$uri', 'if#0:$uri']],
    ['if: = and != compare with a script, -f tests one', 'if ($uri = $a) { } if ($uri != $b) { } if (-f $c) { } if ($d ~~ $e) { } if ($d *~ $f) { }', ['if#0:$uri', 'if#2:$a', 'if#0:$uri', 'if#2:$b', 'if#1:$c', 'if#0:$d', 'if#2:$e', 'if#0:$d', 'if#2:$f']],
    // proxy_redirect, proxy_cookie_path, proxy_cookie_domain: `~regex` first, else scripts (nginx 1.22.1 -t: unknown "zzz" variable).
    ['proxy_redirect: a ~regex first argument is a regex', 'proxy_redirect ~^http://x$y /$host; proxy_redirect http://x$z /;', ['proxy_redirect#1:$host', 'proxy_redirect#0:$z']],
    ['proxy_cookie_path and proxy_cookie_domain are scripts but for a ~regex', 'proxy_cookie_path /a$p /b$q; proxy_cookie_path ~^/a$r /$s; proxy_cookie_domain a$t b; proxy_cookie_domain ~a$u b$w;', ['proxy_cookie_path#0:$p', 'proxy_cookie_path#1:$q', 'proxy_cookie_path#1:$s', 'proxy_cookie_domain#0:$t', 'proxy_cookie_domain#1:$w']],
    ['a ~ first argument of another directive is a script', 'add_header ~$x y;', ['add_header#0:$x']],
    // nginx 1.22.1 -t: `log_format t ~ $zzz;` fails with unknown "zzz" variable.
    ['a ~ argument of another directive is text, the next one a script', 'log_format t ~ $a ~* $b !~ $c !~* $d;', ['log_format#2:$a', 'log_format#4:$b', 'log_format#6:$c', 'log_format#8:$d']],
    ['a geoip2 source= is a use', 'geoip2 /db.mmdb { auto_reload 5m; $geoip2_cc default=US source=$real_ip country iso_code; }', ['$geoip2_cc#1:$real_ip']],
  ])('%s', (_name, text, expected) => {
    expect(uses(text)).toEqual(expected);
  });

  test('the argument index and the offsets of each use, past the first 256 uses', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `add_header X${i} "a$v${i}";`);
    const text = lines.join('\n');
    const u = variableUses(parse(text));
    expect(u.length).toBe(300);
    for (const i of [0, 85, 86, 255, 256, 299]) {
      expect(u.name(i)).toBe(`v${i}`);
      expect(u.arg(i)).toBe(1);
      expect(text.slice(u.start(i), u.end(i))).toBe(`$v${i}`);
      expect(lineOf(u.directive(i))).toBe(i + 1);
    }
  });

  describe('a *.template file (envsubst renders it first)', () => {
    test.each([
      ['upper-case names with a letter are the environment\'s', 'listen ${NGINX_PORT}; proxy_pass http://$BACKEND_HOST:$P0$P9$Z;', []],
      ['lower- or mixed-case names are nginx\'s', 'proxy_pass http://$host$Nginx_X$nginx_y;', ['proxy_pass#0:$host', 'proxy_pass#0:$Nginx_X', 'proxy_pass#0:$nginx_y']],
      ['a name of underscores and digits has no letter: nginx\'s', 'return 200 "$_ $__1 $A@";', ['return#1:$_', 'return#1:$__1']],
    ])('%s', (_name, text, expected) => {
      expect(uses(text, '/etc/nginx/templates/default.conf.template')).toEqual(expected);
    });

    test('the same names in a file that is no template are nginx\'s', () => {
      expect(uses('listen ${NGINX_PORT};', '/etc/nginx/conf.d/default.conf')).toEqual(['listen#0:${NGINX_PORT}']);
    });
  });
});

describe('definedVariables: what defines a variable', () => {
  test.each([
    ['set, auth_request_set, js_var, perl_set, js_set', "set $a 1;\nauth_request_set $b $upstream_status;\njs_var $c;\nperl_set $d 'sub { 1 }';\njs_set $e main.f;", ['a<set@1', 'b<auth_request_set@2', 'c<js_var@3', 'd<perl_set@4', 'e<js_set@5']],
    ['set-misc and lua set_* directives', "set_md5 $f $uri;\nset_by_lua $g 'return 1';\nset_by_lua_block $h { return 1 }\nset_real_ip_from 10.0.0.0/8;", ['f<set_md5@1', 'g<set_by_lua@2', 'h<set_by_lua_block@3']],
    ['map, geo and split_clients define their last argument', 'map $uri $m { default 1; }\ngeo $g1 { default 0; }\ngeo $remote_addr $g2 { default 0; }\nsplit_clients $uri $s { * a; }', ['m<map@1', 'g1<geo@2', 'g2<geo@3', 's<split_clients@4']],
    ['names are lower-cased; the first definition is kept', 'set $Foo 1;\nset $foo 2;', ['foo<set@1']],
    // nginx 1.22.1: after `set ${x} 1`, `return 200 $x` fails with unknown "x" variable.
    ['${x} defines "{x}", not x', 'set ${x} 1;', ['{x}<set@1']],
    ['a first argument without $ defines nothing (nginx: invalid variable name)', 'set x 1;\nmap $uri m { default 1; }\nmap {\n}', []],
    ['directives that define nothing', 'add_header $x 1;\nproxy_set_header $y 1;\ngeoip2_proxy 10.0.0.0/8;', []],
    ['geoip2 block entries define their name', 'geoip2 /db.mmdb {\n  auto_reload 5m;\n  $geoip2_cc default=US country iso_code;\n}', ['geoip2_cc<$geoip2_cc@3']],
    ['an entry of another block named $x defines nothing', 'map $uri $m {\n  $x 1;\n}', ['m<map@1']],
    ['a map, geo or split_clients entry keyed set or map defines nothing', 'map $uri $m {\n  set $x;\n  map $y;\n}\ngeo $g {\n  set_md5 $z;\n}\nsplit_clients $uri $s {\n  geo $w;\n}', ['m<map@1', 'g<geo@5', 's<split_clients@8']],
  ])('%s', (_name, text, expected) => {
    expect(defined(text)).toEqual(expected);
  });

  test.each([
    ['(?<name>…) in a location', 'location ~ ^/(?<app>[a-z]+)/ { }', ['app<location@1']],
    ['(?P<name>…) and (?\'name\'…), names with _ and digits', "location ~ ^/(?P<a_1>x)/(?'_b2'y)/(?'cc'z) { }", ['a_1<location@1', '_b2<location@1', 'cc<location@1']],
    ['server_name, rewrite, if and map regexes', 'server_name ~^(?<sub>[a-z]+)\\.x$;\nrewrite ^/(?<r>.*) /$r;\nif ($uri ~ ^/(?<i>.*)) { }\nmap $uri $m { ~^/(?<seg>[a-z]+) $seg; }', ['sub<server_name@1', 'r<rewrite@2', 'i<if@3', 'm<map@4', 'seg<~^/(?<seg>[a-z]+)@4']],
    ['a group that is no named capture', 'location ~ ^/(?:a|b)(?i)(?<1x>z)(?<>y)(?\'9\'w) { }', []],
  ])('named captures: %s', (_name, text, expected) => {
    expect(defined(text)).toEqual(expected);
  });
});
