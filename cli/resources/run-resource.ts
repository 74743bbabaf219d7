/** One resource that carries a run's `vpce-lab:run-id` tag and still exists. */
export interface RunResource {
  readonly runId: string;
  /** EC2's resource type (`vpc`, `instance`, `vpc-endpoint`…), or `load-balancer` / `target-group` for ELBv2. */
  readonly resourceType: string;
  /** Its id, or its ARN for ELBv2. */
  readonly resourceId: string;
}
