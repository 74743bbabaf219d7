import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import { ServiceException } from '@smithy/core/client';
import { exactly } from '../../support/response-shape';

export interface Clients {
  readonly ec2: EC2Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly ssm: SSMClient;
  readonly sts: STSClient;
}

/** One implementation a scenario runs against. */
export interface Target {
  readonly clients: Clients;
  /** Lets asynchronous changes finish: the local cloud runs what is due; moto changes state at once. */
  settle(): void;
  /** Whether the target implements an operation at all (moto lacks some; `known-divergences.ts` lists them and why). */
  implements(operation: string): boolean;
}

/**
 * One scenario's run against one target: each step's parsed output by the
 * step's name. A step is named for its operation, with what sets it apart
 * after a space (`DescribeVpcEndpoints after ModifyVpcEndpoint`).
 */
export class Run {
  readonly steps: Record<string, unknown> = {};

  constructor(readonly target: Target) {}

  get clients(): Clients {
    return this.target.clients;
  }

  settle(): void {
    this.target.settle();
  }

  /** Calls, and records what the SDK parsed. */
  async step<Output extends object>(name: string, call: () => Promise<Output>): Promise<Output> {
    const output = await call();
    this.steps[name] = output;
    return output;
  }

  /** As `step`, but only where the target implements the operation; elsewhere nothing is called or recorded. */
  async stepIfImplemented<Output extends object>(name: string, call: () => Promise<Output>): Promise<Output | undefined> {
    return this.target.implements(name.split(' ')[0]!) ? this.step(name, call) : undefined;
  }

  /**
   * A call AWS refuses (or admits) by documented rule: records whether it
   * succeeded or the error code it was refused with, compared exactly.
   */
  async outcome(name: string, call: () => Promise<object>): Promise<void> {
    try {
      await call();
      this.steps[name] = { Outcome: exactly('succeeded') };
    } catch (error) {
      if (!ServiceException.isInstance(error)) throw error;
      this.steps[name] = { Outcome: exactly(`refused: ${error.name}`) };
    }
  }

  /** Part of an earlier step's output that the comparison would not reach (lists compare by their first item), compared by shape. */
  note(name: string, part: object | undefined): void {
    this.steps[name] = part;
  }

  /** Values AWS documents at this point of the sequence (states, error codes, ARN types), compared exactly. */
  observe(name: string, values: Record<string, string | undefined>): void {
    this.steps[name] = Object.fromEntries(Object.entries(values).map(([field, value]) => [field, exactly(value)]));
  }
}

/** A call sequence against one target, recorded step by step in `run`. */
export type Scenario = (run: Run) => Promise<void>;
