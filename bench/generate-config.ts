/**
 * A synthetic nginx configuration of realistic shape, correct (proxylint finds nothing): many virtual hosts, each with TLS, static
 * and API locations, a WebSocket route using the map recipe, shared snippets of headers.
 * Upstreams are IP addresses so that `nginx -t` measures parsing, not DNS.
 */
export function generateNginxConfig(targetLines: number, prefix: string): string {
  const head = [
    'worker_processes 1;',
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log;`,
    'events { worker_connections 16384; }',
    'http {',
    `    access_log off;`,
    `    client_body_temp_path ${prefix}/client_body;`,
    `    proxy_temp_path ${prefix}/proxy;`,
    `    fastcgi_temp_path ${prefix}/fastcgi;`,
    `    uwsgi_temp_path ${prefix}/uwsgi;`,
    `    scgi_temp_path ${prefix}/scgi;`,
    '    server_names_hash_bucket_size 128;',
    '    server_names_hash_max_size 65536;',
    '    map $http_upgrade $connection_upgrade {',
    '        default upgrade;',
    "        ''      close;",
    '    }',
  ];
  const lines = [...head];
  let i = 0;
  while (lines.length < targetLines - 2) {
    const port = 20000 + (i % 20000);
    lines.push(
      `    # virtual host ${i}`,
      `    upstream app${i} {`,
      `        server 127.0.0.1:${3000 + (i % 1000)};`,
      '        keepalive 8;',
      '    }',
      '    server {',
      `        listen 127.0.0.1:${port};`,
      `        server_name app${i}.example.com www.app${i}.example.com;`,
      '        root /srv/www/static;',
      '        proxy_set_header Host $host;',
      '        proxy_set_header X-Real-IP $remote_addr;',
      '        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
      '        proxy_set_header X-Forwarded-Proto $scheme;',
      '        location / {',
      '            try_files $uri $uri/ @app;',
      '        }',
      '        location @app {',
      `            proxy_pass http://app${i};`,
      '        }',
      '        location ~* \\.(css|js|png|jpg|svg|woff2?)$ {',
      '            expires 30d;',
      '            add_header Cache-Control "public, max-age=2592000";',
      '        }',
      '        location /api/ {',
      `            proxy_pass http://app${i};`,
      '            proxy_read_timeout 30s;',
      '        }',
      '        # the live-update channel',
      '        location /ws/ {',
      `            proxy_pass http://app${i};`,
      '            proxy_http_version 1.1;',
      // A level with its own proxy_set_header inherits none: repeat the server's.
      '            proxy_set_header Host $host;',
      '            proxy_set_header X-Real-IP $remote_addr;',
      '            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
      '            proxy_set_header X-Forwarded-Proto $scheme;',
      '            proxy_set_header Upgrade $http_upgrade;',
      '            proxy_set_header Connection $connection_upgrade;',
      '            proxy_read_timeout 1h;',
      '        }',
      '    }',
    );
    i++;
  }
  lines.push('}', '');
  return lines.join('\n');
}

/**
 * A synthetic haproxy.cfg: one HTTP frontend routing each application's WebSocket path to its own
 * backend by an acl (the shape of issue #13's 66k-line/6,000-backend run), ~11 lines per backend.
 * `mistakes` leaves `timeout tunnel` out of every 7th backend so that there is something to report.
 */
export function generateHaproxyConfig(backends: number, prefix: string, mistakes = false): string {
  const lines = [
    'global',
    `    pidfile ${prefix}/haproxy.pid`,
    '    maxconn 20000',
    'defaults',
    '    mode http',
    '    timeout connect 5s',
    '    timeout client 30s',
    '    timeout server 30s',
    'frontend www',
    '    bind 127.0.0.1:18080',
  ];
  for (let i = 0; i < backends; i++) lines.push(`    acl is_ws${i} path_beg /app${i}/ws`);
  for (let i = 0; i < backends; i++) lines.push(`    use_backend app${i}_ws if is_ws${i}`);
  lines.push('    default_backend app0_ws');
  for (let i = 0; i < backends; i++) {
    lines.push(
      `backend app${i}_ws`,
      '    balance roundrobin',
      '    option httpchk GET /health',
      '    option forwardfor',
      ...(mistakes && i % 7 === 3 ? [] : ['    timeout tunnel 1h']),
      '    http-request set-header X-Forwarded-Proto https',
      `    server s1 127.0.0.1:${3000 + (i % 1000)} check`,
      `    server s2 127.0.0.2:${3000 + (i % 1000)} check`,
      '',
    );
  }
  return lines.join('\n') + '\n';
}

/** HAProxy with many frontends, each with its own WebSocket acl and backend (issue #14's ~n³ shape). */
export function generateHaproxyFrontends(frontends: number, prefix: string): string {
  const lines = ['global', `    pidfile ${prefix}/haproxy.pid`, 'defaults', '    mode http', '    timeout connect 5s', '    timeout client 30s', '    timeout server 30s'];
  for (let i = 0; i < frontends; i++) {
    lines.push(
      `frontend f${i}`,
      `    bind 127.0.0.1:${20000 + i}`,
      '    acl is_ws path_beg /ws',
      `    use_backend b${i} if is_ws`,
      `    default_backend b${i}`,
      `backend b${i}`,
      '    timeout tunnel 1h',
      `    server s1 127.0.0.1:${3000 + (i % 1000)}`,
    );
  }
  return lines.join('\n') + '\n';
}

const APACHE_MODULES = ['mpm_event', 'authz_core', 'proxy', 'proxy_http', 'proxy_wstunnel', 'rewrite', 'headers'];

function apacheHead(prefix: string): string[] {
  return [
    `ServerRoot ${prefix}`,
    'ServerName localhost',
    `PidFile ${prefix}/httpd.pid`,
    `ErrorLog ${prefix}/error.log`,
    'Listen 127.0.0.1:18081',
    ...APACHE_MODULES.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`),
  ];
}

/** A standalone httpd.conf with many virtual hosts, each proxying an app and its WebSocket path. */
export function generateApacheConfig(vhosts: number, prefix: string, mistakes = false): string {
  const lines = apacheHead(prefix);
  for (let i = 0; i < vhosts; i++) {
    const port = 3000 + (i % 1000);
    lines.push(
      `<VirtualHost 127.0.0.1:18081>`,
      `    ServerName app${i}.example.com`,
      '    ProxyPreserveHost On',
      '    ProxyTimeout 3600',
      ...(mistakes && i % 7 === 3 ? [] : [`    ProxyPass /ws/ ws://127.0.0.1:${port}/ws/`]),
      `    ProxyPass / http://127.0.0.1:${port}/`,
      `    ProxyPassReverse / http://127.0.0.1:${port}/`,
      '    <Location /static/>',
      '        Header set Cache-Control "public, max-age=2592000"',
      '    </Location>',
      '</VirtualHost>',
    );
  }
  return lines.join('\n') + '\n';
}

/** Many ProxyPass (or ProxyPassMatch) lines at one scope (issue #14's n² / n^2.4 shapes). */
export function generateApacheProxyPasses(n: number, prefix: string, match: boolean): string {
  const lines = apacheHead(prefix);
  lines.push('<VirtualHost 127.0.0.1:18081>', '    ServerName many.example.com', '    ProxyTimeout 3600');
  for (let i = 0; i < n; i++) {
    const port = 3000 + (i % 1000);
    lines.push(match ? `    ProxyPassMatch "^/m${i}/(ws|api)/(.*)$" "http://127.0.0.1:${port}/$1/$2"` : `    ProxyPass /p${i}/ http://127.0.0.1:${port}/`);
  }
  lines.push('</VirtualHost>');
  return lines.join('\n') + '\n';
}

/** A squid.conf with many acls and http_access lines and an accelerator port. */
export function generateSquidConfig(sites: number, prefix: string): string {
  const lines = [
    'http_port 127.0.0.1:18082 accel vhost',
    `pid_filename ${prefix}/squid.pid`,
    `cache_log ${prefix}/cache.log`,
    'access_log none',
    'cache deny all',
    'acl Safe_ports port 80 443',
    'acl CONNECT method CONNECT',
    'http_access deny !Safe_ports',
  ];
  for (let i = 0; i < sites; i++) {
    lines.push(
      `cache_peer 127.0.0.1 parent ${3000 + (i % 1000)} 0 no-query originserver name=app${i}`,
      `acl site${i} dstdomain app${i}.example.com`,
      `acl ws${i} urlpath_regex ^/ws/`,
      `cache_peer_access app${i} allow site${i}`,
      `http_access allow site${i}`,
    );
  }
  lines.push('http_access deny all', 'http_upgrade_request_protocols websocket allow all');
  return lines.join('\n') + '\n';
}

/**
 * An nginx tree: nginx.conf including conf.d/*.conf, one server per fragment. With `root` false
 * the fragments stand alone (a directory of fragments no main config includes).
 */
export function generateNginxTree(dir: string, fragments: number, root = true): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  fs.mkdirSync(path.join(dir, 'conf.d'), { recursive: true });
  if (root) {
    fs.writeFileSync(
      path.join(dir, 'nginx.conf'),
      [
        'worker_processes 1;',
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/error.log;`,
        // One listening socket per fragment: nginx -t needs a connection for each.
        'events { worker_connections 65536; }',
        'http {',
        '    access_log off;',
        '    server_names_hash_bucket_size 128;',
        '    server_names_hash_max_size 65536;',
        '    map $http_upgrade $connection_upgrade { default upgrade; \'\' close; }',
        '    include conf.d/*.conf;',
        '}',
        '',
      ].join('\n'),
    );
  }
  for (let i = 0; i < fragments; i++) {
    fs.writeFileSync(
      path.join(dir, 'conf.d', `site${String(i).padStart(5, '0')}.conf`),
      [
        'server {',
        `    listen 127.0.0.1:${20000 + (i % 20000)};`,
        `    server_name app${i}.example.com;`,
        '    location /ws/ {',
        `        proxy_pass http://127.0.0.1:${3000 + (i % 1000)};`,
        '        proxy_http_version 1.1;',
        '        proxy_set_header Upgrade $http_upgrade;',
        '        proxy_set_header Connection $connection_upgrade;',
        '        proxy_read_timeout 1h;',
        '    }',
        '}',
        '',
      ].join('\n'),
    );
  }
}
