/**
 * Places where moto answers differently from AWS. Each is matched against a
 * reported difference (`<step><path>: <what differs>`) and says why AWS's
 * documented behaviour is followed.
 */
export interface KnownDivergence {
  readonly path: RegExp;
  readonly reason: string;
}

export const KNOWN_DIVERGENCES: readonly KnownDivergence[] = [
  // VPCs and instances.
  {
    path: /\.DhcpOptionsId: string in reference, "string:id" here$/,
    reason: "moto reports DhcpOptionsId 'default'; AWS answers a dopt- id (EC2 API reference, Vpc).",
  },
  {
    path: /^RunInstances [^.]+\.Instances\[\]\.BlockDeviceMappings: reference lists items, here the list is empty$/,
    reason:
      'moto lists the root volume in the RunInstances answer; AWS answers a pending launch with an empty BlockDeviceMappings and lists the volume in DescribeInstances once attached (AWS CLI reference, run-instances examples).',
  },
  {
    path: /\.Instances\[\]\.IamInstanceProfile\.Id: string:id in reference, "string" here$/,
    reason: "moto puts the profile association's id (iip-assoc-…) in IamInstanceProfile.Id; AWS puts the instance profile's unique id, AIPA… (IAM User Guide, IAM identifiers, unique ID prefixes).",
  },
  {
    path: /\.NetworkInterfaces\[\](\.PrivateIpAddresses\[\])?\.Association\.PublicDnsName: string in reference, "string:dns-name" here$/,
    reason:
      'moto names a public address ip-….ec2.internal; AWS gives it the public DNS name ec2-<address>.<region>.compute.amazonaws.com in a VPC with DNS hostnames on (EC2 User Guide, EC2 instance hostname types; AWS CLI describe-network-interfaces example).',
  },
  {
    path: /\.Instances\[\]\.SriovNetSupport: missing here$/,
    reason:
      "moto reports SriovNetSupport 'simple' on every instance; AWS reports it only where Intel 82599 VF enhanced networking is on, which T3 instances do not use: they use ENA, reported as EnaSupport (EC2 User Guide, Enhanced networking on Amazon EC2 instances).",
  },
  {
    path: /^DescribeInstances( by state and VPC)?\.Reservations\[\]\.Instances\[\]\.StateReason: missing here$/,
    reason: 'moto sends an empty StateReason for a running instance; AWS sends one only with the reason of a state change, pending at launch or the shutdown that ended it (EC2 API reference, StateReason).',
  },
  {
    path: /^DescribeInstances after TerminateInstances\.Reservations\[\]\.Instances\[\]\.(NetworkInterfaces: reference lists items, here the list is empty|(SubnetId|VpcId|PrivateIpAddress): missing here)$/,
    reason:
      'moto shows a terminated instance still in its subnet with its interface and address; AWS deletes the interfaces of a terminated instance and releases its private address, so DescribeInstances shows it outside any subnet or VPC (EC2 User Guide, Terminate Amazon EC2 instances).',
  },
  {
    path: /^DescribeNetworkInterfaces (of the instance|by subnet)\.NetworkInterfaces\[\]\.RequesterId: missing here$/,
    reason:
      "moto gives every interface a RequesterId; AWS gives one only to requester-managed interfaces that a service created, never to an instance's own primary interface (EC2 User Guide, Requester-managed network interfaces; AWS CLI describe-network-interfaces example).",
  },

  // Refusals AWS documents and moto does not make.
  {
    path: /^DetachInternetGateway with a mapped public address\.Outcome: =succeeded in reference, "=refused: DependencyViolation" here$/,
    reason: 'AWS refuses to detach an internet gateway while the VPC has instances with public IPv4 addresses (EC2 API reference, DetachInternetGateway); moto detaches it.',
  },
  {
    path: /^DeleteRouteTable main\.Outcome: =succeeded in reference, "=refused: DependencyViolation" here$/,
    reason: "AWS never deletes a VPC's main route table (EC2 API reference, DeleteRouteTable: \"You can't delete the main route table\"); moto deletes it.",
  },
  {
    path: /^DeleteSecurityGroup default\.Outcome: =succeeded in reference, "=refused: CannotDelete" here$/,
    reason: "AWS refuses to delete a VPC's default security group with CannotDelete (VPC User Guide, Default security groups for your VPCs); moto deletes it.",
  },
  {
    path: /^DeleteSecurityGroup in use\.Outcome: =succeeded in reference, "=refused: DependencyViolation" here$/,
    reason: 'AWS refuses to delete a security group that an instance or network interface uses (EC2 API reference, DeleteSecurityGroup); moto deletes it.',
  },
  {
    path: /^DeleteNetworkInterface in use\.Outcome: =succeeded in reference, "=refused: InvalidParameterValue" here$/,
    reason: 'AWS refuses to delete an attached network interface: it must be detached first (EC2 API reference, DeleteNetworkInterface); moto deletes the primary interface of a running instance.',
  },
  {
    path: /^DeleteLoadBalancer used by the service\.Outcome: =succeeded in reference, "=refused: ResourceInUseException" here$/,
    reason:
      'AWS refuses with ResourceInUse to delete a Network Load Balancer that an endpoint service still uses (ELBv2 API reference, DeleteLoadBalancer errors; PrivateLink Guide, Delete an endpoint service); moto deletes it.',
  },
  {
    path: /^deletion refused\.Code: =undefined in reference, "=ExistingVpcEndpointConnections" here$/,
    reason:
      'AWS keeps an endpoint service with Available or PendingAcceptance connections and returns it in Unsuccessful (EC2 API reference, DeleteVpcEndpointServiceConfigurations: reject the connections first); moto deletes it.',
  },

  // VPC endpoints and endpoint services.
  {
    path: /^state on create\.State: =available in reference, "=pending" here$/,
    reason: 'AWS creates an interface endpoint pending, available once its interfaces are up (AWS CLI reference, create-vpc-endpoint example 2); moto makes it available at once.',
  },
  {
    path: /^state on create\.State: =available in reference, "=pendingAcceptance" here$/,
    reason: 'An endpoint to a service that requires acceptance is pendingAcceptance until the provider accepts it (PrivateLink Guide, Accept or reject connection requests); moto makes it available at once.',
  },
  {
    path: /\.DnsEntries\[\]\.DnsName: string in reference, "string:dns-name" here$/,
    reason:
      "moto names an endpoint vpce-…-….com.amazonaws.<region>.<service>; AWS names it vpce-<id>-<suffix>.<service>.<region>.vpce.amazonaws.com, under the service's base endpoint DNS name (AWS CLI reference, create-vpc-endpoint example 2).",
  },
  {
    path: /^endpoint's interface\.(InterfaceType: =interface in reference, "=vpc_endpoint" here|RequesterManaged: =false in reference, "=true" here)$/,
    reason: "AWS makes an interface endpoint's network interfaces requester-managed, of type vpc_endpoint (EC2 User Guide, Requester-managed network interfaces); moto makes plain interfaces.",
  },
  {
    path: /^DescribeVpcEndpointServices gateways\.ServiceDetails\[\]\.(PrivateDnsName|PrivateDnsNames|PrivateDnsNameVerificationState): missing here$/,
    reason:
      'moto gives the S3 gateway service the private DNS name of its interface offering; AWS lists gateway services without one, since only interface endpoints take private DNS (AWS CLI reference, describe-vpc-endpoint-services example 1: the dynamodb Gateway entry).',
  },
  {
    path: /^prefix-list route added by ModifyVpcEndpoint: undefined in reference, /,
    reason:
      "AWS adds a route to the service's prefix list, targeting the endpoint, to each route table associated with a gateway endpoint, through ModifyVpcEndpoint as at creation (PrivateLink Guide, Routing for gateway endpoints); moto's ModifyVpcEndpoint associates the table without the route.",
  },
  {
    path: /^DeleteVpcEndpoints\.Outcome: =refused: InvalidRoute\.NotFound in reference, "=succeeded" here$/,
    reason: 'Follows from the missing route above: moto then fails deleting the gateway endpoint, looking for a route it never added. AWS deletes the endpoint and its routes (EC2 API reference, DeleteVpcEndpoints).',
  },
  {
    path: /^the consumer's view\.VpcEndpointPolicySupported: =true in reference, "=false" here$/,
    reason:
      'Endpoint policies are for endpoints to AWS services (PrivateLink Guide, Control access to VPC endpoints using endpoint policies); an endpoint service on a Network Load Balancer takes none. moto reports it as supporting them.',
  },
  {
    path: /^(CreateVpcEndpoint (accepted|rejected)\.VpcEndpoint|DescribeVpcEndpoints after (Accept|Reject)VpcEndpointConnections\.VpcEndpoints\[\])\.PolicyDocument: missing here$/,
    reason: 'Follows from the above: AWS attaches no policy to an endpoint of a service that takes none; moto attaches the default full-access policy.',
  },

  // ELBv2 and SSM.
  {
    path: /^load balancer on create\.arnType: =loadbalancer\/app in reference, "=loadbalancer\/net" here$/,
    reason: 'A Network Load Balancer\'s ARN is …:loadbalancer/net/<name>/<id> (ELBv2 API reference, LoadBalancer; Service Authorization Reference, Elastic Load Balancing V2 resource types); moto writes /app/ for every type.',
  },
  {
    path: /^(CreateListener|DescribeListeners)\.Listeners\[\]\.SslPolicy: missing here$/,
    reason: 'AWS gives SslPolicy only to HTTPS and TLS listeners (ELBv2 API reference, Listener); moto gives a policy to the TCP listener too.',
  },
  {
    path: /^SendCommand\.Command\.NotificationConfig\.NotificationEvents: reference lists items, here the list is empty$/,
    reason: "With no notification asked for, SSM answers NotificationEvents empty (AWS CLI reference, ssm send-command example 1); moto answers ['Success'].",
  },
];

/** Operations moto does not implement at all: scenarios skip them against moto, and say why here. */
export const MOTO_UNIMPLEMENTED: Readonly<Record<string, string>> = {
  CreateVpcEndpointConnectionNotification: 'moto 5.2 has no connection notifications (EC2 API reference, CreateVpcEndpointConnectionNotification); the local cloud follows AWS.',
  DescribeVpcEndpointConnectionNotifications: 'moto 5.2 has no connection notifications (EC2 API reference, DescribeVpcEndpointConnectionNotifications).',
  DeleteVpcEndpointConnectionNotifications: 'moto 5.2 has no connection notifications (EC2 API reference, DeleteVpcEndpointConnectionNotifications).',
  DescribeVpcEndpointConnections: "moto 5.2 keeps no provider-side view of an endpoint service's connections (EC2 API reference, DescribeVpcEndpointConnections).",
  AcceptVpcEndpointConnections: 'moto 5.2 has no acceptance: its endpoints are available at once (EC2 API reference, AcceptVpcEndpointConnections).',
  RejectVpcEndpointConnections: 'moto 5.2 has no acceptance, so no rejection either (EC2 API reference, RejectVpcEndpointConnections).',
  DescribeInstanceInformation: 'moto 5.2 keeps no SSM managed nodes (SSM API reference, DescribeInstanceInformation).',
};
