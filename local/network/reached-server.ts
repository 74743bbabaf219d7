import type { InstanceRecord } from '../services/ec2/model/ec2-records';
import type { HttpResponse } from './http-responses';

export type Scheme = 'http' | 'https';

/** A TCP connection a client on an instance opens. */
export interface TcpFlow {
  readonly host: string;
  readonly port: number;
  /** Stands for the flow's source port: load balancers spread flows over targets by it. */
  readonly flow: number;
}

/** One HTTP request as a client on an instance sends it. */
export interface HttpRequest extends TcpFlow {
  readonly scheme: Scheme;
  readonly path: string;
}

/** What a TCP connection attempt meets at the far end. */
export type Reached =
  | { readonly kind: 'server'; readonly speaks: Scheme; readonly respond: (request: HttpRequest) => HttpResponse }
  /** An instance's sshd on port 22. */
  | { readonly kind: 'sshd'; readonly instance: InstanceRecord }
  /** Nothing listens on the port: the host answers with a reset. */
  | { readonly kind: 'refused' }
  /** The packets are dropped on the way (no route, a security group, no listener on a load balancer). */
  | { readonly kind: 'timeout' };

export const TIMEOUT: Reached = { kind: 'timeout' };
export const REFUSED: Reached = { kind: 'refused' };

export const server = (speaks: Scheme, respond: (request: HttpRequest) => HttpResponse): Reached => ({ kind: 'server', speaks, respond });
