import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface ConnectionNotificationsProps {
  /** The AcceptConnection function: on each notification it decides the connections awaiting acceptance on the lab's services. */
  readonly subscriber: IFunction;
}

/**
 * Where endpoint services send their connection notifications: an SNS topic
 * encrypted with its own KMS key (the AWS-managed SNS key cannot be granted
 * to the service that publishes), TLS-only, that only AWS PrivateLink may
 * publish to, and only for this account's endpoint services.
 */
export class ConnectionNotifications extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: ConnectionNotificationsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const privateLink = new ServicePrincipal('vpce.amazonaws.com');
    const fromOwnEndpointServices = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'ec2', resource: 'vpc-endpoint-service', resourceName: '*' }) },
    };

    const key = new Key(this, 'Key', {
      description: 'vpce-lab: encrypts the endpoint-service connection notifications topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(
      new PolicyStatement({ principals: [privateLink], actions: ['kms:GenerateDataKey*', 'kms:Decrypt'], resources: ['*'], conditions: fromOwnEndpointServices }),
    );

    this.topic = new Topic(this, 'Topic', {
      topicName: 'vpce-lab-connection-notifications',
      displayName: 'vpce-lab endpoint service connections',
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(new PolicyStatement({ principals: [privateLink], actions: ['sns:Publish'], resources: [this.topic.topicArn], conditions: fromOwnEndpointServices }));
    this.topic.addSubscription(new LambdaSubscription(props.subscriber));
  }
}
