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
  /** The role session making the call; undefined for an administrator (every caller when IAM is off). */
  readonly caller?: Principal;
}
