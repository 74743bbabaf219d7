/**
 * EC2's hostnames for an address. us-east-1 keeps the names it had before
 * regions were spelled out (`ec2.internal`, `compute-1`); every other region
 * names itself.
 */
const dashed = (ip: string): string => ip.replaceAll('.', '-');

export const privateDnsName = (region: string, privateIp: string): string =>
  region === 'us-east-1' ? `ip-${dashed(privateIp)}.ec2.internal` : `ip-${dashed(privateIp)}.${region}.compute.internal`;

export const publicDnsName = (region: string, publicIp: string): string =>
  region === 'us-east-1' ? `ec2-${dashed(publicIp)}.compute-1.amazonaws.com` : `ec2-${dashed(publicIp)}.${region}.compute.amazonaws.com`;
