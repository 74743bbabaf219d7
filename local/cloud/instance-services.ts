import type { HttpAnswer } from '../protocol/http-answer';

/** Temporary credentials of a role session, as the instance metadata service hands them out. */
export interface RoleSessionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

/** An AWS API request as the AWS CLI on an instance puts it on the wire, and the moment (epoch ms of the cloud's clock) it sends it. */
export interface InstanceApiRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly sentAt: number;
}

/** What answers for the cloud once it is built: its IAM and its dispatch chain. */
export interface InstanceServicesBinding {
  /** The credentials of the instance profile's role for `instanceId`; undefined for a profile IAM has no role for. */
  readonly credentials: (profileArn: string, instanceId: string) => RoleSessionCredentials | undefined;
  /** Answers a request the network model let through to an AWS service's endpoint, as the cloud answers any call. */
  readonly send: (request: InstanceApiRequest) => HttpAnswer;
}

/**
 * What software on an instance reaches besides the network model: the role
 * credentials of its instance profile (IMDS `iam/security-credentials/<role>`,
 * "Retrieve security credentials from instance metadata", EC2 User Guide) and
 * the AWS API itself. The services' models are built before the cloud's IAM
 * and dispatch chain, so this is bound once those exist; a script that reaches
 * for it before is a defect of the local cloud.
 */
export class InstanceServices {
  private binding: InstanceServicesBinding | undefined;

  bind(binding: InstanceServicesBinding): void {
    this.binding = binding;
  }

  credentials(profileArn: string, instanceId: string): RoleSessionCredentials | undefined {
    return this.bound().credentials(profileArn, instanceId);
  }

  send(request: InstanceApiRequest): HttpAnswer {
    return this.bound().send(request);
  }

  private bound(): InstanceServicesBinding {
    if (!this.binding) throw new Error('an instance called the AWS API before the local cloud was built: report this as a bug of vpce-lab');
    return this.binding;
  }
}
