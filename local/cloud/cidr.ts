import ipaddr from 'ipaddr.js';
import { invalidParameterValue } from '../protocol/service-error';

/** An IPv4 CIDR block as numbers, for containment, overlap and address allocation. */
export interface Cidr {
  readonly text: string;
  readonly base: number;
  readonly prefix: number;
  readonly size: number;
}

const toInt = (address: ipaddr.IPv4): number => address.toByteArray().reduce((acc, byte) => acc * 256 + byte, 0);

export const intToIp = (value: number): string => [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');

export const ipToInt = (text: string): number => toInt(ipaddr.IPv4.parse(text));

export function parseCidr(text: string, parameter = 'CidrBlock'): Cidr {
  if (!ipaddr.IPv4.isValidCIDR(text)) throw invalidParameterValue(`Value (${text}) for parameter ${parameter} is invalid. This is not a valid CIDR block.`);
  const [address, prefix] = ipaddr.IPv4.parseCIDR(text);
  const size = 2 ** (32 - prefix);
  const base = toInt(address);
  if (base % size !== 0) throw invalidParameterValue(`Value (${text}) for parameter ${parameter} is invalid. This is not a valid CIDR block.`);
  return { text, base, prefix, size };
}

export const cidrContains = (outer: Cidr, inner: Cidr): boolean => inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;

export const cidrOverlaps = (a: Cidr, b: Cidr): boolean => a.base < b.base + b.size && b.base < a.base + a.size;

export const ipInCidr = (ip: string, cidr: Cidr): boolean => {
  const value = ipToInt(ip);
  return value >= cidr.base && value < cidr.base + cidr.size;
};

/**
 * The next free private address of a subnet. AWS reserves the first four and
 * the last address of every subnet, so allocation starts at `.4`.
 */
export function allocateAddress(subnet: Cidr, taken: ReadonlySet<string>): string | undefined {
  for (let offset = 4; offset < subnet.size - 1; offset++) {
    const ip = intToIp(subnet.base + offset);
    if (!taken.has(ip)) return ip;
  }
  return undefined;
}
