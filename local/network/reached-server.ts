import type { HttpResponse } from './http-responses';

export type Scheme = 'http' | 'https';

/** One HTTP request as a client on an instance sends it. */
export interface HttpRequest {
  readonly host: string;
  readonly port: number;
  readonly scheme: Scheme;
  readonly path: string;
  /** Stands for the flow's source port: load balancers spread flows over targets by it. */
  readonly flow: number;
}

/** What a TCP connection attempt meets at the far end. */
export type Reached =
  | { readonly kind: 'server'; readonly speaks: Scheme; readonly respond: (request: HttpRequest) => HttpResponse }
  /** Nothing listens on the port: the host answers with a reset. */
  | { readonly kind: 'refused' }
  /** The packets are dropped on the way (no route, a security group, no listener on a load balancer). */
  | { readonly kind: 'timeout' };

export const TIMEOUT: Reached = { kind: 'timeout' };
export const REFUSED: Reached = { kind: 'refused' };

export const server = (speaks: Scheme, respond: (request: HttpRequest) => HttpResponse): Reached => ({ kind: 'server', speaks, respond });
