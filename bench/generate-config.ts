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
