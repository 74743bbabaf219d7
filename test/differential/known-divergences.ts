/**
 * Places where moto answers differently from AWS. Each is matched against a
 * reported difference and says why AWS's documented behaviour is followed.
 */
export interface KnownDivergence {
  readonly path: RegExp;
  readonly reason: string;
}

export const KNOWN_DIVERGENCES: readonly KnownDivergence[] = [
  {
    path: /\.DhcpOptionsId: string in reference, "string:id" here$/,
    reason: "moto reports DhcpOptionsId 'default'; AWS answers a dopt- id (EC2 API reference, Vpc).",
  },
];
