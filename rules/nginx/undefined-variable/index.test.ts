import { ruleTester } from '../../../test/support/rule-tester';
import { workingVariants } from '../../../test/dialects/nginx/working-variants';
import rule from './index';

const MSG = 'unknown variable "$connection_upgrade": nginx -t fails with [emerg] unknown "connection_upgrade" variable';

const TEMPLATE = (extra: string) =>
  'events {}\nhttp {\n    server {\n        listen ${NGINX_PORT};\n        location / {\n            proxy_pass http://${BACKEND_HOST}:$BACKEND_PORT;\n' + extra + '        }\n    }\n}\n';

ruleTester(rule, {
  valid: [
    // envsubst renders a *.template first (nginx's Docker image: /etc/nginx/templates/*.template → conf.d): its upper-case names are the environment's.
    { name: 'a nginx.conf.template: ${NGINX_PORT}, ${BACKEND_HOST} and $BACKEND_PORT are envsubst placeholders', filename: 'nginx.conf.template', code: TEMPLATE('') },
    ...workingVariants(),
    {
      name: 'map defines $connection_upgrade',
      filename: 'nginx.conf',
      code: [
        'events {}',
        'http {',
        '    map $http_upgrade $connection_upgrade { default upgrade; "" close; }',
        '    server {',
        '        listen 80;',
        '        location /ws {',
        '            proxy_pass http://127.0.0.1:3000;',
        '            proxy_set_header Upgrade $http_upgrade;',
        '            proxy_set_header Connection $connection_upgrade;',
        '            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
        '            proxy_set_header X-Forwarded-Proto $scheme;',
        '            add_header X-Req "${request_id}-$Request_Method";',
        '        }',
        '    }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'set, geo, split_clients and named captures define variables; $ in a regex is an anchor',
      filename: 'nginx.conf',
      code: [
        'events {}',
        'http {',
        '    geo $remote_addr $internal { default 0; 10.0.0.0/8 1; }',
        '    split_clients "${remote_addr}x" $variant { 50% a; * b; }',
        '    server {',
        '        listen 80;',
        '        server_name ~^(?<sub>[a-z]+)\\.example\\.com$;',
        '        set $backend http://127.0.0.1:3000;',
        '        location ~ ^/(?P<app>[a-z]+)/ws$ {',
        '            rewrite ^/old/(.*)$ /new/$1 break;',
        '            if ($uri ~* "^/x$") { return 404; }',
        '            proxy_pass $backend/$app/$sub/$variant/$internal;',
        '        }',
        '    }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'variable names are case-insensitive, as in nginx',
      filename: 'nginx.conf',
      code: 'events {}\nhttp {\n    map $HTTP_UPGRADE $Connection_Upgrade { default upgrade; "" close; }\n    server { location /ws { proxy_pass http://b; proxy_set_header Connection $connection_upgrade; } }\n}\n',
    },
    {
      name: 'the map lives in an included file',
      filename: 'nginx.conf',
      files: { 'conf.d/maps.conf': 'map $http_upgrade $connection_upgrade {\n    default upgrade;\n    "" close;\n}\n' },
      code: 'events {}\nhttp {\n    include conf.d/*.conf;\n    server { location /ws { proxy_pass http://b; proxy_set_header Connection $connection_upgrade; } }\n}\n',
    },
    {
      name: 'fragment without a known main config: the definition may live in nginx.conf (not reported)',
      code: 'server {\n    location /ws {\n        proxy_pass http://b;\n        proxy_set_header Connection $connection_upgrade;\n    }\n}\n',
    },
    {
      name: 'fragment linted in the context of the root that includes it and defines the map',
      filename: 'sites-enabled/app.conf',
      roots: ['main/nginx.conf'],
      files: {
        'main/nginx.conf': 'events {}\nhttp {\n    map $http_upgrade $connection_upgrade { default upgrade; "" close; }\n    include ../sites-enabled/*.conf;\n}\n',
      },
      code: 'server {\n    location /ws {\n        proxy_pass http://b;\n        proxy_set_header Connection $connection_upgrade;\n    }\n}\n',
    },
    {
      name: 'stream variables; a variable defined by a module named in knownVariables',
      filename: 'nginx.conf',
      options: { knownVariables: ['redis_command'] },
      code: "events {}\nstream {\n    log_format s '$remote_addr $protocol $bytes_received $session_time $upstream_session_time $redis_command';\n}\n",
    },
    {
      name: 'Lua and Perl code is not an nginx script',
      filename: 'nginx.conf',
      code: "events {}\nhttp {\n    perl_set $lower 'sub { my $r = shift; return lc($r->uri); }';\n    server { location / { content_by_lua 'ngx.say(\"$notavar\")'; return 200 $lower; } }\n}\n",
    },
  ],
  invalid: [
    {
      name: 'in a *.template, a lower-case name is still nginx\'s: unknown $backend_port',
      filename: 'nginx.conf.template',
      code: TEMPLATE('            proxy_set_header X-Port $backend_port;\n'),
      errors: [{ line: 7, column: 37, endLine: 7, endColumn: 50, message: 'unknown variable "$backend_port": nginx -t fails with [emerg] unknown "backend_port" variable' }],
      output: null,
    },
    {
      name: 'outside a *.template, ${NGINX_PORT} is an nginx variable (nginx -t: unknown "nginx_port")',
      filename: 'nginx.conf',
      code: TEMPLATE(''),
      errors: [
        { line: 4, column: 16, message: 'unknown variable "$NGINX_PORT": nginx -t fails with [emerg] unknown "nginx_port" variable' },
        { line: 6, column: 31, message: 'unknown variable "$BACKEND_HOST": nginx -t fails with [emerg] unknown "backend_host" variable' },
        { line: 6, column: 47, message: 'unknown variable "$BACKEND_PORT": nginx -t fails with [emerg] unknown "backend_port" variable' },
      ],
      output: null,
    },
    {
      name: '$connection_upgrade with no map (observed: nginx -t [emerg] unknown "connection_upgrade" variable)',
      filename: 'nginx.conf',
      code: [
        'events {}',
        'http {',
        '    server {',
        '        listen 80;',
        '        location /ws {',
        '            proxy_pass http://127.0.0.1:3000;',
        '            proxy_http_version 1.1;',
        '            proxy_set_header Upgrade $http_upgrade;',
        '            proxy_set_header Connection $connection_upgrade;',
        '        }',
        '    }',
        '}',
        '',
      ].join('\n'),
      errors: [
        {
          line: 9,
          column: 41,
          endLine: 9,
          endColumn: 60,
          message: 'unknown variable "$connection_upgrade": nginx -t fails with [emerg] unknown "connection_upgrade" variable',
        },
      ],
      // The map from the generator's template, at the top of the http block (safe fix).
      output: [
        'events {}',
        'http {',
        '    map $http_upgrade $connection_upgrade {',
        '        default upgrade;',
        "        ''      close;",
        '    }',
        '    server {',
        '        listen 80;',
        '        location /ws {',
        '            proxy_pass http://127.0.0.1:3000;',
        '            proxy_http_version 1.1;',
        '            proxy_set_header Upgrade $http_upgrade;',
        '            proxy_set_header Connection $connection_upgrade;',
        '        }',
        '    }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: '$connection_upgrade used twice: one map; used outside proxy_set_header Connection: no fix',
      filename: 'nginx.conf',
      code: 'events {}\nhttp {\n    server {\n        location /a { proxy_pass http://b; proxy_set_header Connection $connection_upgrade; }\n        location /b { proxy_pass http://b; proxy_set_header Connection $connection_upgrade; }\n        location /c { return 200 $connection_upgrade; }\n    }\n}\n',
      errors: [
        { line: 4, column: 72, message: MSG },
        { line: 5, column: 72, message: MSG },
        { line: 6, column: 34, message: MSG },
      ],
      output:
        "events {}\nhttp {\n    map $http_upgrade $connection_upgrade {\n        default upgrade;\n        ''      close;\n    }\n    server {\n        location /a { proxy_pass http://b; proxy_set_header Connection $connection_upgrade; }\n        location /b { proxy_pass http://b; proxy_set_header Connection $connection_upgrade; }\n        location /c { return 200 $connection_upgrade; }\n    }\n}\n",
    },
    {
      name: 'CRLF, ${braced} and several uses',
      filename: 'nginx.conf',
      code: 'events {}\r\nhttp {\r\n    server {\r\n        location / {\r\n            return 200 "${nope}-$also_nope-$host";\r\n        }\r\n    }\r\n}\r\n',
      errors: [
        { line: 5, column: 25, message: 'unknown variable "$nope": nginx -t fails with [emerg] unknown "nope" variable' },
        { line: 5, column: 33, message: 'unknown variable "$also_nope": nginx -t fails with [emerg] unknown "also_nope" variable' },
      ],
      output: null,
    },
    {
      name: 'an included file linted in the context of its root (which has no map)',
      filename: 'conf.d/ws.conf',
      roots: ['nginx.conf'],
      files: { 'nginx.conf': 'events {}\nhttp {\n    include conf.d/*.conf;\n}\n' },
      code: 'server {\n    location /socket.io/ {\n        proxy_pass http://b;\n        proxy_set_header Connection $connection_upgrade;\n    }\n}\n',
      errors: [{ line: 4, column: 37, message: 'unknown variable "$connection_upgrade": nginx -t fails with [emerg] unknown "connection_upgrade" variable' }],
      // The map goes into the main config's http block, not into the fragment.
      output: 'server {\n    location /socket.io/ {\n        proxy_pass http://b;\n        proxy_set_header Connection $connection_upgrade;\n    }\n}\n',
      outputFiles: { 'nginx.conf': "events {}\nhttp {\n    map $http_upgrade $connection_upgrade {\n        default upgrade;\n        ''      close;\n    }\n    include conf.d/*.conf;\n}\n" },
    },
    {
      name: 'a map source and a map value are scripts too',
      filename: 'nginx.conf',
      code: 'events {}\nhttp {\n    map "$is_yum:$uri" $target {\n        default $fallback;\n    }\n}\n',
      errors: [
        { line: 3, column: 10, message: 'unknown variable "$is_yum": nginx -t fails with [emerg] unknown "is_yum" variable' },
        { line: 4, column: 17, message: 'unknown variable "$fallback": nginx -t fails with [emerg] unknown "fallback" variable' },
      ],
      output: null,
    },
    {
      name: 'fragment with checkFragments: reported',
      options: { checkFragments: true },
      code: 'server {\n    location /ws {\n        proxy_pass http://b;\n        proxy_set_header Connection $connection_upgrade;\n    }\n}\n',
      errors: [{ line: 4, column: 37, message: MSG }],
      output: null,
    },
    {
      name: 'a variable set in a different case still counts; a misspelt one does not',
      filename: 'nginx.conf',
      code: 'events {}\nhttp {\n    server {\n        set $Backend http://b;\n        location / { proxy_pass $backend; proxy_set_header X-Real-IP $remote_adr; }\n    }\n}\n',
      errors: [{ line: 5, column: 70, message: 'unknown variable "$remote_adr": nginx -t fails with [emerg] unknown "remote_adr" variable' }],
      output: null,
    },
    {
      name: '$connection_upgrade outside proxy_set_header Connection: reported, no map offered',
      filename: 'nginx.conf',
      code: "events {}\nhttp {\n    server {\n        location /ws {\n            proxy_pass http://b;\n            add_header X-Conn $connection_upgrade;\n        }\n    }\n}\n",
      errors: [{ line: 6, column: 31, endLine: 6, endColumn: 50, message: MSG }],
      output: null,
    },
    {
      name: 'proxy_set_header Upgrade $connection_upgrade: not the Connection header, no map offered',
      filename: 'nginx.conf',
      code: "events {}\nhttp {\n    server {\n        location /ws {\n            proxy_pass http://b;\n            proxy_set_header Upgrade $connection_upgrade;\n        }\n    }\n}\n",
      errors: [{ line: 6, column: 38, endLine: 6, endColumn: 57, message: MSG }],
      output: null,
    },
    {
      name: 'two locations: the map is offered once, with the first use',
      filename: 'nginx.conf',
      code: "events {}\nhttp {\n    server {\n        location /a {\n            proxy_pass http://b;\n            proxy_http_version 1.1;\n            proxy_set_header Upgrade $http_upgrade;\n            proxy_set_header Connection $connection_upgrade;\n        }\n        location /b {\n            proxy_pass http://b;\n            proxy_http_version 1.1;\n            proxy_set_header Upgrade $http_upgrade;\n            proxy_set_header Connection $connection_upgrade;\n        }\n    }\n}\n",
      errors: [
        { line: 8, column: 41, endLine: 8, endColumn: 60, message: MSG },
        { line: 14, column: 41, endLine: 14, endColumn: 60, message: MSG },
      ],
      output: "events {}\nhttp {\n    map $http_upgrade $connection_upgrade {\n        default upgrade;\n        ''      close;\n    }\n    server {\n        location /a {\n            proxy_pass http://b;\n            proxy_http_version 1.1;\n            proxy_set_header Upgrade $http_upgrade;\n            proxy_set_header Connection $connection_upgrade;\n        }\n        location /b {\n            proxy_pass http://b;\n            proxy_http_version 1.1;\n            proxy_set_header Upgrade $http_upgrade;\n            proxy_set_header Connection $connection_upgrade;\n        }\n    }\n}\n",
    },
    {
      name: 'set at server level (no enclosing location): the map is still offered',
      filename: 'nginx.conf',
      code: "events {}\nhttp {\n    server {\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection $connection_upgrade;\n        location /ws {\n            proxy_pass http://b;\n        }\n    }\n}\n",
      errors: [{ line: 6, column: 37, endLine: 6, endColumn: 56, message: MSG }],
      output: "events {}\nhttp {\n    map $http_upgrade $connection_upgrade {\n        default upgrade;\n        ''      close;\n    }\n    server {\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection $connection_upgrade;\n        location /ws {\n            proxy_pass http://b;\n        }\n    }\n}\n",
    },
    {
      name: 'variable names are case-insensitive: $Connection_Upgrade gets the lower-case map',
      filename: 'nginx.conf',
      code: "events {}\nhttp {\n    server {\n        location /ws {\n            proxy_pass http://b;\n            proxy_set_header Connection $Connection_Upgrade;\n        }\n    }\n}\n",
      errors: [{ line: 6, column: 41, endLine: 6, endColumn: 60, message: 'unknown variable "$Connection_Upgrade": nginx -t fails with [emerg] unknown "connection_upgrade" variable' }],
      output: "events {}\nhttp {\n    map $http_upgrade $connection_upgrade {\n        default upgrade;\n        ''      close;\n    }\n    server {\n        location /ws {\n            proxy_pass http://b;\n            proxy_set_header Connection $Connection_Upgrade;\n        }\n    }\n}\n",
    },
  ],
});
