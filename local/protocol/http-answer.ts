import type { Principal } from '../iam/principal';

/** What the server writes back for one request. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Where and as whom a request runs: the part of the request every provider may need. */
export interface RequestContext {
  readonly requestId: string;
  readonly region: string;
  readonly accountId: string;
  readonly action: string;
  /**
   * When the call is made (epoch ms of the cloud's clock): now, for a call
   * over HTTP; for one from a script on an instance, the moment the script
   * reached it, which runs ahead of the clock by the AWS seconds of the
   * commands before it.
   */
  readonly receivedAt: number;
  /** The role session making the call; undefined for an administrator (every caller when IAM is off). */
  readonly caller?: Principal;
}
