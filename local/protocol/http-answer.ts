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
}
