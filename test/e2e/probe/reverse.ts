/** A reverse proxy (nginx, Apache, HAProxy) from a config text in front of a fresh echo backend. */
import { startEchoBackend, type EchoBackend, type RunningServer, type ServerRunner, type StartOptions } from '../harness';

export async function withReverse<T>(
  runner: ServerRunner,
  config: string,
  fn: (url: string, backend: EchoBackend, server: RunningServer) => Promise<T>,
  o: { strictHttp11?: boolean; scheme?: 'ws' | 'wss'; files?: StartOptions['files'] } = {},
): Promise<T> {
  const backend = await startEchoBackend({ strictHttp11: o.strictHttp11 });
  let server: RunningServer | undefined;
  try {
    server = await runner.start(config, { backendPort: backend.port, files: o.files });
    return await fn(`${o.scheme ?? 'ws'}://127.0.0.1:${server.port}/ws`, backend, server);
  } finally {
    await server?.stop();
    await backend.close();
  }
}
