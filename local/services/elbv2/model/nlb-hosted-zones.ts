/**
 * The Route 53 hosted zone of Network Load Balancers in each region (the
 * `CanonicalHostedZoneId` an alias record points at), from the "Elastic Load
 * Balancing endpoints and quotas" page of the AWS General Reference. NLBs
 * have their own zones, distinct from those of ALBs and Classic Load Balancers.
 */
const NLB_HOSTED_ZONES: Readonly<Record<string, string>> = {
  'us-east-1': 'Z26RNL4JYFTOTI',
  'us-east-2': 'ZLMOA37VPKANP',
  'us-west-1': 'Z24FKFUX50B4VW',
  'us-west-2': 'Z18D5FSROUN65G',
  'af-south-1': 'Z203XCE67M25HM',
  'ap-east-1': 'Z12Y7K3UBGUAD1',
  'ap-south-1': 'ZVDDRBQ08TROA',
  'ap-northeast-1': 'Z31USIVHYNEOWT',
  'ap-northeast-2': 'ZIBE1TIR4HY56',
  'ap-northeast-3': 'Z1GWIQ4HH19I5X',
  'ap-southeast-1': 'ZKVM4W9LS7TM',
  'ap-southeast-2': 'ZCT6FZBF4DROD',
  'ca-central-1': 'Z2EPGBW3API2WT',
  'eu-central-1': 'Z3F0SRJ5LGBH90',
  'eu-west-1': 'Z2IFOLAFXWLO4F',
  'eu-west-2': 'ZD4D7Y8KGAS4G',
  'eu-west-3': 'Z1CMS0P5QUZ6D5',
  'eu-north-1': 'Z1UDT6IFJ4EJM',
  'eu-south-1': 'Z23146JA1KNAFP',
  'me-south-1': 'Z3QSRYVP46NYYV',
  'sa-east-1': 'ZTK26PT1VY4CU',
};

/** A region this table does not know (a newer one) gets us-east-1's zone: a real NLB zone id, in the right format. */
export const nlbHostedZoneId = (region: string): string => NLB_HOSTED_ZONES[region] ?? 'Z26RNL4JYFTOTI';
