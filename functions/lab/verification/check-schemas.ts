import { z } from 'zod';
import { labRunSchema } from '../lab-run';
import { consumerInstancesSchema } from '../lab-state';
import { studentCommandSchema } from '../guided/student-command-schema';

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

/** A planned check as it was sent: with the line the student types on the public instance. */
const sentCheckShape = { ...plannedCheckShape, typed: z.string() };

export const lessonsSchema = z.strictObject({ gateway: z.boolean(), interface: z.boolean(), service: z.boolean() });

export const checkTargetsSchema = z.strictObject({
  region: z.string(),
  consumerCidr: z.string(),
  loadBalancerDnsName: z.string().nullish(),
  serviceEndpointDnsName: z.string().nullish(),
});

export const sendChecksInputSchema = z.object({
  run: labRunSchema,
  phase: phaseSchema,
  lessons: lessonsSchema,
  only: z.array(lessonSchema).optional(),
  consumerInstances: consumerInstancesSchema,
  targets: checkTargetsSchema,
});

export const sentChecksSchema = z.object({
  run: labRunSchema,
  phase: phaseSchema,
  instanceId: z.string(),
  sent: z.array(z.strictObject({ ...sentCheckShape, commandId: z.string() })),
});

const checkResultSchema = z.strictObject({
  ...sentCheckShape,
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
  /** A guided run's: what the student ran (ListStudentCommands). */
  studentCommands: z.strictObject({ commands: z.array(studentCommandSchema), left: z.number().int().min(0) }).optional(),
});
