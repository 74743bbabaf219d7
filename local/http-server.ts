import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpAnswer } from './protocol/http-answer';
import type { IncomingRequest } from './dispatch/dispatcher';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface RequestHandlers {
  /** AWS API calls: every POST to `/`. */
  readonly api: (request: IncomingRequest) => HttpAnswer;
  /** The local cloud's own control calls under `/_localcloud/`. */
  readonly control: (method: string, path: string, body: string) => HttpAnswer;
  /** Answer for a body over the size limit, in the form the request's protocol expects. */
  readonly tooLarge: (request: IncomingRequest) => HttpAnswer;
}

/** Serves on 127.0.0.1 only: the local cloud is never reachable from another machine. */
export async function listen(handlers: RequestHandlers, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => serve(handlers, req, res));
  // Longer than a run's idle spells between calls: when the server closes an idle keep-alive socket just as a busy
  // client reuses it, the client's request ends in "socket hang up". A minute makes that race rare on a loaded host.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

function serve(handlers: RequestHandlers, req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) overflow = true;
    else chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    const headers = flattenHeaders(req.headers);
    const body = overflow ? '' : Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const answer = overflow
      ? handlers.tooLarge({ headers, body })
      : path.startsWith('/_localcloud/')
        ? handlers.control(req.method ?? 'GET', path, body)
        : handlers.api({ headers, body: req.method === 'GET' ? ((req.url ?? '').split('?')[1] ?? '') : body });
    res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
    res.end(answer.body);
  });
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name] = Array.isArray(value) ? value.join(',') : value;
  return flat;
}
