/** The text rendering: one line per step (mark, step, summary, time), then the diagnosis. */
import { formatText } from '../../src/probe/format';

describe('formatText', () => {
  test('a failure with rules and advice', () => {
    expect(
      formatText({
        url: 'wss://app.test/ws',
        ok: false,
        steps: [
          { step: 'proxy', status: 'info', summary: 'http://127.0.0.1:3128 from --proxy, CONNECT tunnel' },
          { step: 'tcp', status: 'ok', summary: 'connected to 127.0.0.1:3128 (proxy)', ms: 2 },
          { step: 'tls', status: 'fail', summary: 'NOT trusted: SELF_SIGNED_CERT_IN_CHAIN', ms: 0 },
        ],
        diagnosis: { class: 'tls-intercepted', hop: 'the proxy http://127.0.0.1:3128 (TLS interception)', message: 'M.', rules: [], advice: 'NODE_EXTRA_CA_CERTS=/tmp/ca.pem' },
      }),
    ).toBe(
      'probe wss://app.test/ws\n' +
        '       proxy     http://127.0.0.1:3128 from --proxy, CONNECT tunnel\n' +
        '  ok   tcp       connected to 127.0.0.1:3128 (proxy) [2 ms]\n' +
        '  FAIL tls       NOT trusted: SELF_SIGNED_CERT_IN_CHAIN\n' +
        'diagnosis (tls-intercepted) at the proxy http://127.0.0.1:3128 (TLS interception): M.\n' +
        '  NODE_EXTRA_CA_CERTS=/tmp/ca.pem\n',
    );
  });

  test('success', () => {
    expect(formatText({ url: 'ws://a/', ok: true, steps: [{ step: 'echo', status: 'ok', summary: 'ping -> pong in 1 ms', ms: 1 }] })).toBe(
      'probe ws://a/\n  ok   echo      ping -> pong in 1 ms [1 ms]\nresult: the WebSocket upgrade works.\n',
    );
  });
});
