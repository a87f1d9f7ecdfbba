import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

const MODS = 'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\nLoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n';
const WST = 'LoadModule proxy_wstunnel_module /usr/lib/apache2/modules/mod_proxy_wstunnel.so\n';
const RW = 'LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n';
const VH = (body: string): string => '<VirtualHost *:80>\n' + body + '</VirtualHost>\n';
const UI = (where: string, app: string, scheme: string, uri: string): string => `ProxyPass ${where} serves ${app} over ${scheme}:// without upgrade=websocket, so its WebSocket ${uri} fails`;

ruleTester(rule, {
  valid: [
    // every working variant observed on 2.4.71
    { code: MODS + WST + 'ProxyPass /ws ws://127.0.0.1:3000/ws\n' },
    { code: MODS + 'ProxyPass /ws ws://127.0.0.1:3000/ws\n' },
    { code: MODS + 'ProxyPass /ws http://127.0.0.1:3000/ws upgrade=websocket\n' },
    { code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} upgrade [NC]\nRewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\nProxyPass /ws http://127.0.0.1:3000/ws\n' },
    { code: MODS + WST + 'ProxyPass / http://127.0.0.1:3000/\n' },
    { code: MODS + 'ProxyPass /api http://127.0.0.1:3000/api\n' },
    // a skipped <IfModule> is not processed
    { code: MODS + '<IfModule ssl_module>\nProxyPass /ws http://b/\n</IfModule>\n' },
    { code: MODS + '<Location /socket.io>\n  ProxyPass ws://b/socket.io\n</Location>\n' },
    { code: MODS + 'ProxyPass /ws/ https://b/ws/ upgrade=websocket timeout=3600\n' },
    { code: MODS + 'ProxyPass /ws http://b/ws upgrade=ANY\n' },
    // the ws:// rewrite takes this route's path first
    { code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/ws(.*) ws://b/ws$1 [P,L]\nProxyPass /ws http://b/ws\n' },
    { name: 'a wss:// RewriteRule [P] for the path takes the handshakes, as ws:// does', code: MODS + RW + 'SSLProxyEngine on\nRewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/ws(.*) wss://b/ws$1 [P,L]\nProxyPass /ws https://b/ws\n' },
    // balancer:// routes: ws:// members upgrade, http:// members with upgrade= on the member (both 101 observed)
    { code: MODS + '<Proxy balancer://c>\n  BalancerMember ws://127.0.0.1:3000\n</Proxy>\nProxyPass /ws balancer://c/ws\n' },
    { code: MODS + '<Proxy balancer://c>\n  BalancerMember http://127.0.0.1:3000 upgrade=websocket\n</Proxy>\nProxyPass /ws balancer://c/ws\n' },
    { code: MODS + '<Proxy balancer://c>\n  BalancerMember http://127.0.0.1:3000\n</Proxy>\nProxyPass /api balancer://c/api\n' },
    // Catch-alls to an application whose UI needs a WebSocket (apps/ `ui`): clean when
    // something else takes the endpoint, or when nothing identifies the application.
    { name: 'a deeper ws:// ProxyPass takes /cockpit/socket', code: MODS + VH('ServerName cockpit.example.org\nProxyPass /cockpit/socket ws://127.0.0.1:9090/cockpit/socket\nProxyPass / http://127.0.0.1:9090/\n') },
    { name: 'a <Location> ProxyPass takes the socket first', code: MODS + VH('ServerName cockpit.example.org\nProxyPass / http://127.0.0.1:9090/\n<Location /cockpit/socket>\nProxyPass ws://127.0.0.1:9090/cockpit/socket\n</Location>\n') },
    { name: 'a ws:// rewrite of the vhost catches the socket', code: MODS + RW + VH('ServerName cockpit.example.org\nRewriteEngine On\nRewriteCond %{HTTP:Upgrade} =websocket [NC]\nRewriteRule /(.*) ws://127.0.0.1:9090/$1 [P,L]\nProxyPass / http://127.0.0.1:9090/\n') },
    { name: 'upgrade=websocket on the catch-all', code: MODS + 'ProxyPass / http://192.168.1.5:8123/ upgrade=websocket\n' },
    { name: 'an exclusion sends /api/websocket nowhere: not this route', code: MODS + 'ProxyPass /api/websocket !\nProxyPass / http://192.168.1.5:8123/\n' },
    // Home Assistant's further WebSockets (apps/ `ui.also`: add-on ingress)
    { name: 'HA: /api/websocket and the ingress both routed to ws:// before the catch-all', code: MODS + 'ProxyPass /api/websocket ws://192.168.1.5:8123/api/websocket\nProxyPass /api/hassio_ingress/ ws://192.168.1.5:8123/api/hassio_ingress/\nProxyPass / http://192.168.1.5:8123/\n' },
    { name: 'HA: a ws:// rewrite for every upgrade takes the ingress too', code: MODS + RW + VH('ServerName ha.example.org\nRewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule /(.*) ws://192.168.1.5:8123/$1 [P,L]\nProxyPass / http://192.168.1.5:8123/\n') },
    { name: 'HA: /api/websocket upgraded by upgrade=websocket on its own route, catch-all upgraded too', code: MODS + 'ProxyPass /api/websocket http://192.168.1.5:8123/api/websocket upgrade=websocket\nProxyPass / http://192.168.1.5:8123/ upgrade=websocket\n' },
    { name: 'port 9090 alone is no application (Prometheus listens there too)', code: MODS + VH('ServerName metrics.example.org\nProxyPass / http://127.0.0.1:9090/\n') },
    { name: 'the label code without a code-server port (Gitea listens on 3000)', code: MODS + VH('ServerName code.example.org\nProxyPass / http://127.0.0.1:3000/\n') },
    { name: 'code-server port without the label', code: MODS + VH('ServerName www.example.org\nProxyPass / http://127.0.0.1:8443/\n') },
    { name: 'only the leftmost label names the app (www.nodered.org is a website)', code: MODS + VH('ServerName www.nodered.org\nProxyPass / http://127.0.0.1:8000/\n') },
    { name: 'a target below the app root cannot be mapped: no claim', code: MODS + 'ProxyPass / http://127.0.0.1:1880/red/\n' },
    { name: 'a site file named for Plausible whose deeper ws:// ProxyPass takes /live/websocket', filename: 'sites-available/plausible.conf', code: MODS + VH('ServerName example.com\nProxyPass /live/websocket ws://localhost:8000/live/websocket\nProxyPass / http://localhost:8000/\n') },
    { name: 'a site file named for no application', filename: 'sites-available/default-ssl.conf', code: MODS + VH('ServerName example.com\nProxyPass / http://localhost:8000/\n') },
    // A prefix mount is identified as nginx identifies one (core/websocket/intent rootRouteUiApp):
    // by its backend or its own one-segment name, never by the server's names or file, and only
    // for an app whose pages open their WebSocket relative to themselves (apps/ ui.relative).
    { name: "a prefix mount is not named by the server's ServerName (it names what / serves)", code: MODS + VH('ServerName gotify.example.org\nProxyPass /admin/ http://127.0.0.1:9000/\n') },
    { name: 'a prefix mount is not named by the site file', filename: 'sites-available/gotify.conf', code: MODS + VH('ServerName example.org\nProxyPass /admin/ http://127.0.0.1:9000/\n') },
    { name: 'Home Assistant mounted at /ha/: its pages open /api/websocket absolute, not under the mount', code: MODS + 'ProxyPass /ha/ http://homeassistant:8123/\n' },
    { name: 'a two-segment mount names nothing by its path', code: MODS + 'ProxyPass /apps/gotify/ http://127.0.0.1:8088/\n' },
    { name: 'an application without a WebSocket UI (Jellyfin works over HTTP)', code: MODS + VH('ServerName jellyfin.example.org\nProxyPass / http://127.0.0.1:8096/\n') },
  ],
  invalid: [
    {
      name: "Jupyter's catch-all on httpd 2.4.12 (jupyterhub#367): the shorter wording names the endpoint alone",
      targets: { apache: '2.4.12' },
      code: "<VirtualHost *:80>\n    ServerName jupyter.example.org\n    ProxyPass / http://127.0.0.1:8888/\n</VirtualHost>\n",
      errors: [{ line: 3, column: 5, severity: 'error', message: 'ProxyPass / serves Jupyter Server over http://, which httpd 2.4.12 cannot upgrade: send /api/kernels/ to ws://' }],
      output: null,
    },
    {
      name: 'a ws:// rewrite for another path does not take this route (426 observed)',
      code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/socket(.*) ws://b/socket$1 [P,L]\nProxyPass /ws http://b/ws\n',
      errors: [{ line: 7, column: 1, endLine: 7, endColumn: 10, message: 'ProxyPass /ws proxies a WebSocket route to http:// without upgrade=websocket, so the backend answers 426' }],
      output: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/socket(.*) ws://b/socket$1 [P,L]\nProxyPass /ws http://b/ws upgrade=websocket\n',
    },
    {
      name: 'balancer:// with http:// members (426 observed): reported at each member',
      code: MODS + '<Proxy "balancer://c">\n  BalancerMember http://127.0.0.1:3000 route=1\n  BalancerMember http://127.0.0.1:3001\n</Proxy>\nProxyPass /ws balancer://c/ws\n',
      errors: [
        { line: 4, column: 3, endLine: 4, endColumn: 17, message: 'BalancerMember http://127.0.0.1:3000 serves WebSocket route /ws without upgrade=websocket (426).' },
        { line: 5, column: 3, endLine: 5, endColumn: 17, message: 'BalancerMember http://127.0.0.1:3001 serves WebSocket route /ws without upgrade=websocket (426).' },
      ],
      output: MODS + '<Proxy "balancer://c">\n  BalancerMember http://127.0.0.1:3000 route=1 upgrade=websocket\n  BalancerMember http://127.0.0.1:3001 upgrade=websocket\n</Proxy>\nProxyPass /ws balancer://c/ws\n',
    },
    {
      name: 'BalancerMember naming its balancer outside <Proxy>',
      code: MODS + 'BalancerMember balancer://c http://127.0.0.1:3000\nProxyPass /socket.io/ balancer://c/socket.io/\n',
      errors: [{ signal: { kind: 'path', detail: 'the path /socket.io/ looks like a WebSocket route', app: 'Socket.IO' }, line: 3, column: 1, message: 'BalancerMember http://127.0.0.1:3000 serves WebSocket route /socket.io/ without upgrade=websocket (426).' }],
      output: MODS + 'BalancerMember balancer://c http://127.0.0.1:3000 upgrade=websocket\nProxyPass /socket.io/ balancer://c/socket.io/\n',
    },
    {
      name: 'upgrade= on a ProxyPass to balancer:// (httpd refuses the config)',
      code: MODS + '<Proxy balancer://c>\n  BalancerMember http://127.0.0.1:3000\n</Proxy>\nProxyPass /ws balancer://c/ws upgrade=websocket\n',
      errors: [{ signal: null, line: 6, column: 31, endLine: 6, endColumn: 48, message: 'httpd refuses upgrade= on a ProxyPass to balancer:// ("unknown Balancer parameter"): set it on each BalancerMember.' }],
      output: null,
    },
    {
      code: MODS + 'ProxyPass /ws http://127.0.0.1:3000/ws\n',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 10, message: 'ProxyPass /ws proxies a WebSocket route to http:// without upgrade=websocket, so the backend answers 426' }],
      output: MODS + 'ProxyPass /ws http://127.0.0.1:3000/ws upgrade=websocket\n',
    },
    {
      name: 'inside a vhost, CRLF, keeps other params',
      code: MODS.replace(/\n/g, '\r\n') + '<VirtualHost *:80>\r\n  ProxyPass "/socket.io/" "http://b/socket.io/" timeout=600\r\n</VirtualHost>\r\n',
      errors: [{ line: 4, column: 3, message: 'ProxyPass /socket.io/ proxies a WebSocket route to http:// without upgrade=websocket, so the backend answers 426' }],
      output: MODS.replace(/\n/g, '\r\n') + '<VirtualHost *:80>\r\n  ProxyPass "/socket.io/" "http://b/socket.io/" timeout=600 upgrade=websocket\r\n</VirtualHost>\r\n',
    },
    {
      name: 'Location form marked by comment',
      code: MODS + '# proxylint: websocket\n<Location /events>\n  ProxyPass http://b/events\n</Location>\n',
      errors: [{ signal: { kind: 'comment', detail: 'a "# proxylint: websocket" comment marks it' }, line: 5, column: 3, message: 'ProxyPass /events proxies a WebSocket route to http:// without upgrade=websocket, so the backend answers 426' }],
      output: MODS + '# proxylint: websocket\n<Location /events>\n  ProxyPass http://b/events upgrade=websocket\n</Location>\n',
    },
    {
      name: 'websocket.paths from config',
      code: MODS + 'ProxyPass /feed http://b/feed\n',
      websocket: { paths: ['/feed'] },
      errors: [{ signal: { kind: 'config', detail: 'websocket.paths lists /feed' }, line: 3, column: 1, message: 'ProxyPass /feed proxies a WebSocket route to http:// without upgrade=websocket, so the backend answers 426' }],
      output: MODS + 'ProxyPass /feed http://b/feed upgrade=websocket\n',
    },
    {
      name: 'before 2.4.47: no fix, advise ws:// with wstunnel',
      code: MODS + 'ProxyPass /ws http://b/ws\n',
      targets: { apache: '2.4.46' },
      errors: [{ line: 3, column: 1, message: 'ProxyPass /ws proxies a WebSocket route to http://, which httpd 2.4.46 cannot upgrade: use ws://' }],
      output: null,
    },
    {
      name: 'catch-all to Cockpit, named by ServerName (cockpit#2053)',
      code: MODS + VH('ServerName cockpit.example.org\nProxyPass / http://127.0.0.1:9090/ retry=0\n'),
      errors: [{ line: 5, column: 1, message: UI('/', 'Cockpit', 'http', '/cockpit/socket') }],
      output: MODS + VH('ServerName cockpit.example.org\nProxyPass / http://127.0.0.1:9090/ retry=0 upgrade=websocket\n'),
    },
    {
      name: "Gotify mounted under its own name (gotify.net's sub-path recipe, location /gotify/ in nginx): its pages open /gotify/stream",
      code: MODS + 'ProxyPass /gotify/ http://127.0.0.1:8088/\n',
      errors: [{ line: 3, column: 1, severity: 'error', message: UI('/gotify/', 'Gotify', 'http', '/gotify/stream') }],
      output: MODS + 'ProxyPass /gotify/ http://127.0.0.1:8088/ upgrade=websocket\n',
    },
    {
      name: 'ttyd mounted in a <Location> and named by its port 7681: the signal names the section',
      code: MODS + '<Location /console/>\n    ProxyPass http://127.0.0.1:7681/\n</Location>\n',
      errors: [{ signal: { kind: 'app', detail: 'backend port 7681 names ttyd, whose UI needs the WebSocket /console/ws', app: 'ttyd' }, line: 4, column: 5, severity: 'error', message: UI('/console/', 'ttyd', 'http', '/console/ws') }],
      output: MODS + '<Location /console/>\n    ProxyPass http://127.0.0.1:7681/ upgrade=websocket\n</Location>\n',
    },
    {
      name: 'a mount named by its one segment, the signal says where: <Location> /gotify/',
      code: MODS + '<Location /gotify/>\n    ProxyPass http://127.0.0.1:8088/\n</Location>\n',
      errors: [{ signal: { kind: 'app', detail: '<Location> /gotify/ names Gotify, whose UI needs the WebSocket /gotify/stream', app: 'Gotify' }, line: 4, column: 5, message: UI('/gotify/', 'Gotify', 'http', '/gotify/stream') }],
      output: MODS + '<Location /gotify/>\n    ProxyPass http://127.0.0.1:8088/ upgrade=websocket\n</Location>\n',
    },
    {
      name: 'Home Assistant by its own port 8123, main server',
      code: MODS + 'ProxyPass / http://192.168.1.5:8123/\n',
      errors: [{ line: 3, column: 1, message: UI('/', 'Home Assistant', 'http', '/api/websocket') }],
      output: MODS + 'ProxyPass / http://192.168.1.5:8123/ upgrade=websocket\n',
    },
    {
      name: 'HA: /api/websocket routed to ws://, the add-on ingress left on the plain catch-all (addons#1728)',
      code: MODS + 'ProxyPass /api/websocket ws://192.168.1.5:8123/api/websocket\nProxyPass / http://192.168.1.5:8123/\n',
      errors: [{ line: 4, column: 1, message: 'ProxyPass / serves Home Assistant over http:// without upgrade=websocket, so WebSockets under /api/hassio_ingress/ fail' }],
      output: MODS + 'ProxyPass /api/websocket ws://192.168.1.5:8123/api/websocket\nProxyPass / http://192.168.1.5:8123/ upgrade=websocket\n',
    },
    {
      name: 'HA: the same before 2.4.47: the message says where to send the ingress',
      code: MODS + 'ProxyPass /api/websocket ws://192.168.1.5:8123/api/websocket\nProxyPass / http://192.168.1.5:8123/\n',
      targets: { apache: '2.4.29' },
      errors: [{ line: 4, column: 1, message: 'ProxyPass / serves Home Assistant over http://, which httpd 2.4.29 cannot upgrade: send /api/hassio_ingress/ to ws://' }],
      output: null,
    },
    {
      name: 'HA: a plain route for /api/websocket is the one flagged; the catch-all says nothing about the ingress then',
      code: MODS + 'ProxyPass /api/websocket http://192.168.1.5:8123/api/websocket\nProxyPass / http://192.168.1.5:8123/\n',
      errors: [{ line: 3, column: 1, message: 'ProxyPass /api/websocket proxies a WebSocket route to http:// without upgrade=websocket, so the backend answers 426' }],
      output: MODS + 'ProxyPass /api/websocket http://192.168.1.5:8123/api/websocket upgrade=websocket\nProxyPass / http://192.168.1.5:8123/\n',
    },
    {
      name: 'Node-RED by its backend host name, under a prefix: the endpoint is under it',
      code: MODS + 'ProxyPass /nodered/ http://nodered:1880/\n',
      errors: [{ line: 3, column: 1, message: UI('/nodered/', 'Node-RED editor', 'http', '/nodered/comms') }],
      output: MODS + 'ProxyPass /nodered/ http://nodered:1880/ upgrade=websocket\n',
    },
    {
      name: 'a ServerAlias names Jupyter; the <Location /> form',
      code: MODS + VH('ServerName nb.example.org\nServerAlias jupyter.example.org\n<Location />\nProxyPass http://10.0.0.2:8000/\n</Location>\n'),
      errors: [{ line: 7, column: 1, message: UI('/', 'Jupyter Server', 'http', '/api/kernels/') }],
      output: MODS + VH('ServerName nb.example.org\nServerAlias jupyter.example.org\n<Location />\nProxyPass http://10.0.0.2:8000/ upgrade=websocket\n</Location>\n'),
    },
    {
      name: 'the label code with code-server\'s default port; a vhost without ServerName takes the main server\'s',
      code: MODS + 'ServerName code.example.org\n' + VH('ProxyPass / https://10.0.0.3:8080/\n'),
      errors: [{ line: 5, column: 1, message: UI('/', 'VS Code server', 'https', '/') }],
      output: MODS + 'ServerName code.example.org\n' + VH('ProxyPass / https://10.0.0.3:8080/ upgrade=websocket\n'),
    },
    {
      name: 'a ws:// rewrite for another path leaves the Uptime Kuma socket on the catch-all',
      code: MODS + RW + VH('ServerName uptime-kuma.example.org\nRewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/ws(.*) ws://127.0.0.1:3001/ws$1 [P,L]\nProxyPass / http://127.0.0.1:3001/\n'),
      errors: [{ line: 9, column: 1, message: UI('/', 'Uptime Kuma', 'http', '/socket.io/') }],
      output: MODS + RW + VH('ServerName uptime-kuma.example.org\nRewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/ws(.*) ws://127.0.0.1:3001/ws$1 [P,L]\nProxyPass / http://127.0.0.1:3001/ upgrade=websocket\n'),
    },
    {
      name: 'notify_push (port 7867) under /push/: its clients\' WebSocket /push/ws is this route\'s (notify_push README before 7d99b23)',
      code: MODS + VH('ServerName cloud.example.com\nProxyPass /push/ http://localhost:7867/\n'),
      errors: [{ line: 5, column: 1, message: UI('/push/', 'Nextcloud notify_push', 'http', '/push/ws') }],
      output: MODS + VH('ServerName cloud.example.com\nProxyPass /push/ http://localhost:7867/ upgrade=websocket\n'),
    },
    {
      name: 'the site file plausible.conf names Plausible, whose LiveView pages need /live/websocket (plausible/community-edition#140)',
      filename: 'sites-available/plausible.conf',
      code: MODS + VH('ServerName example.com\nProxyPass / http://localhost:8000/\n'),
      errors: [{ line: 5, column: 1, message: UI('/', 'Plausible Analytics', 'http', '/live/websocket') }],
      output: MODS + VH('ServerName example.com\nProxyPass / http://localhost:8000/ upgrade=websocket\n'),
    },
    {
      name: 'ServerName homebridge.*: the UI\'s Socket.IO WebSocket rides the plain catch-all (homebridge-config-ui-x#43)',
      code: MODS + VH('ServerName homebridge.example.org\nProxyPass / http://localhost:8081/ nocanon\n'),
      errors: [{ line: 5, column: 1, message: UI('/', 'Homebridge UI', 'http', '/socket.io/') }],
      output: MODS + VH('ServerName homebridge.example.org\nProxyPass / http://localhost:8081/ nocanon upgrade=websocket\n'),
    },
    {
      name: 'before 2.4.47: the app route says to send its handshakes to ws:// (code-server#442)',
      code: MODS + VH('ServerName code.quantr.hk\nProxyPass / http://192.168.10.124:8443/\n'),
      targets: { apache: '2.4.29' },
      errors: [{ line: 5, column: 1, message: 'ProxyPass / serves VS Code server over http://, which httpd 2.4.29 cannot upgrade: send its WebSocket / to ws://' }],
      output: null,
    },
    {
      name: 'a fragment (site file) without LoadModule is linted too',
      code: '<VirtualHost *:443>\n  ProxyPass /cable http://127.0.0.1:28080/cable\n</VirtualHost>\n',
      errors: [{ line: 2, column: 3, message: 'ProxyPass /cable proxies a WebSocket route to http:// without upgrade=websocket, so the backend answers 426' }],
      output: '<VirtualHost *:443>\n  ProxyPass /cable http://127.0.0.1:28080/cable upgrade=websocket\n</VirtualHost>\n',
    },
  ],
});
