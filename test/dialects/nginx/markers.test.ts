/**
 * The `# proxylint: websocket` / `# proxylint: event-stream` markers of nginx locations
 * (src/dialects/nginx/analysis/websocket.ts): above the location or first in its body, the
 * websocket one in any case. A file is first asked whether it says `proxylint:` at all, so the
 * table also pins that this shortcut never hides a marker (an upper-case one included).
 */
import type { Directive } from '../../../src/core/ast';
import { sourceFromText } from '../../../src/core/source';
import { parseNginx } from '../../../src/dialects/nginx/parser';
import { markedAsEventStream, markedByComment } from '../../../src/dialects/nginx/analysis/websocket';

function location(text: string): Directive {
  const nodes = parseNginx(sourceFromText('/virtual/markers.conf', text)).nodes;
  const server = nodes.find((n): n is Directive => n.type === 'directive' && n.key === 'server')!;
  return server.children!.find((n): n is Directive => n.type === 'directive' && n.key === 'location')!;
}

describe('nginx location markers', () => {
  it.each([
    ['above', 'server {\n  # proxylint: websocket\n  location /x { proxy_pass http://a; }\n}\n', true, false],
    ['above, upper case', 'server {\n  # PROXYLINT: WebSocket\n  location /x { proxy_pass http://a; }\n}\n', true, false],
    ['above, in a run of comments', 'server {\n  # proxylint: websocket\n  # the chat\n  location /x { proxy_pass http://a; }\n}\n', true, false],
    ['first in the body', 'server {\n  location /x {\n    # Proxylint: websocket\n    proxy_pass http://a;\n  }\n}\n', true, false],
    ['after a blank line: not the location’s', 'server {\n  # proxylint: websocket\n\n  location /x { proxy_pass http://a; }\n}\n', false, false],
    ['after a directive in the body: not first', 'server {\n  location /x {\n    proxy_pass http://a;\n    # proxylint: websocket\n  }\n}\n', false, false],
    ['event-stream above', 'server {\n  # proxylint: event-stream\n  location /x { proxy_pass http://a; }\n}\n', false, true],
    ['no marker anywhere', 'server {\n  # websocket\n  location /x { proxy_pass http://a; }\n}\n', false, false],
    ['another word after proxylint:', 'server {\n  # proxylint: websockets-off\n  location /x { proxy_pass http://a; }\n}\n', false, false],
  ])('%s', (_name, text, websocket, eventStream) => {
    const loc = location(text);
    expect(markedByComment(loc)).toBe(websocket);
    expect(markedAsEventStream(loc)).toBe(eventStream);
  });
});
