import { z } from 'zod';
import { labRunSchema } from '../lab-run';

const lessonSchema = z.enum(['gateway', 'interface', 'service']);
const phaseSchema = z.enum(['before', 'after']);

const expectationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('unreachable') }),
  z.strictObject({ kind: z.literal('reachable') }),
  z.strictObject({ kind: z.literal('public-ips') }),
  z.strictObject({ kind: z.literal('ips-in'), cidr: z.string() }),
  z.strictObject({ kind: z.literal('private-ips-outside'), cidr: z.string() }),
  z.strictObject({ kind: z.literal('connect-timeout') }),
  z.strictObject({ kind: z.literal('page-contains'), text: z.string() }),
]);

const plannedCheckShape = {
  checkId: z.string(),
  lesson: lessonSchema,
  title: z.string(),
  command: z.string(),
  expectation: expectationSchema,
};

export const sendChecksInputSchema = z.object({
  run: labRunSchema,
  phase: phaseSchema,
  lessons: z.strictObject({ gateway: z.boolean(), interface: z.boolean(), service: z.boolean() }),
  only: z.array(lessonSchema).optional(),
  instanceId: z.string().regex(/^i-[0-9a-f]{8,17}$/),
  targets: z.strictObject({
    region: z.string(),
    consumerCidr: z.string(),
    loadBalancerDnsName: z.string().nullish(),
    serviceEndpointDnsName: z.string().nullish(),
  }),
});

export const sentChecksSchema = z.object({
  run: labRunSchema,
  phase: phaseSchema,
  instanceId: z.string(),
  sent: z.array(z.strictObject({ ...plannedCheckShape, commandId: z.string() })),
});

const checkResultSchema = z.strictObject({
  ...plannedCheckShape,
  exitCode: z.number(),
  stdout: z.string(),
  stderr: z.string(),
  passed: z.boolean(),
  reason: z.string(),
});

const collectedChecksSchema = z.strictObject({ phase: phaseSchema, results: z.array(checkResultSchema) });

export const buildReportInputSchema = z.object({
  run: labRunSchema,
  phases: z.array(collectedChecksSchema).min(1),
});
