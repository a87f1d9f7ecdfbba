import { ruleTester } from '../../../test/support/rule-tester';
import { workingVariants } from '../../../test/dialects/nginx/working-variants';
import rule from './index';

const MSG = /^unknown variable "\$connection_upgrade": no map, set, geo, split_clients or named capture defines it/;

ruleTester(rule, {
  valid: [
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
          message: /unknown "connection_upgrade" variable.*map \$http_upgrade \$connection_upgrade .*\(in a WebSocket route: it sets the Upgrade header/,
        },
      ],
      output: null,
    },
    {
      name: 'CRLF, ${braced} and several uses',
      filename: 'nginx.conf',
      code: 'events {}\r\nhttp {\r\n    server {\r\n        location / {\r\n            return 200 "${nope}-$also_nope-$host";\r\n        }\r\n    }\r\n}\r\n',
      errors: [
        { line: 5, column: 25, message: /^unknown variable "\$nope"/ },
        { line: 5, column: 33, message: /^unknown variable "\$also_nope"/ },
      ],
      output: null,
    },
    {
      name: 'an included file linted in the context of its root (which has no map)',
      filename: 'conf.d/ws.conf',
      roots: ['nginx.conf'],
      files: { 'nginx.conf': 'events {}\nhttp {\n    include conf.d/*.conf;\n}\n' },
      code: 'server {\n    location /socket.io/ {\n        proxy_pass http://b;\n        proxy_set_header Connection $connection_upgrade;\n    }\n}\n',
      errors: [{ line: 4, column: 37, message: /unknown "connection_upgrade" variable.*\(in a WebSocket route: it sets the Connection header to \$connection_upgrade\)$/ }],
      output: null,
    },
    {
      name: 'a map source and a map value are scripts too',
      filename: 'nginx.conf',
      code: 'events {}\nhttp {\n    map "$is_yum:$uri" $target {\n        default $fallback;\n    }\n}\n',
      errors: [
        { line: 3, column: 10, message: /"\$is_yum"/ },
        { line: 4, column: 17, message: /"\$fallback"/ },
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
      errors: [{ line: 5, column: 70, message: /"\$remote_adr"/ }],
      output: null,
    },
  ],
});
