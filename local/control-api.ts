import { z } from 'zod';
import type { CallJournal } from './cloud/call-journal';
import type { CloudRuntime } from './cloud/cloud-runtime';
import type { HttpAnswer } from './protocol/http-answer';

const faultSettings = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        service: z.string().optional(),
        action: z.string().optional(),
        code: z.string().min(1),
        message: z.string().optional(),
        status: z.number().int().min(400).max(599).optional(),
        probability: z.number().min(0).max(1).optional(),
        times: z.number().int().min(0).optional(),
        after: z.number().int().min(0).optional(),
      }),
    )
    .default([]),
  consistencyDelaySeconds: z.number().min(0).optional(),
});

const json = (status: number, value: unknown): HttpAnswer => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

/**
 * The local cloud's own endpoints, beside the AWS APIs, for tests and
 * benchmarks run in another process: health, the record of calls, and faults.
 */
export function controlApi(runtime: CloudRuntime, journal: CallJournal, method: string, path: string, body: string): HttpAnswer {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /_localcloud/health':
      return json(200, { status: 'ok', accountId: runtime.accountId, timeScale: runtime.clock.timeScale });
    case 'GET /_localcloud/calls':
      return json(200, { calls: journal.list() });
    case 'DELETE /_localcloud/calls':
      journal.clear();
      return json(200, {});
    case 'POST /_localcloud/faults':
      return setFaults(runtime, body);
    case 'DELETE /_localcloud/faults':
      runtime.faults.clear();
      return json(200, {});
    default:
      return json(404, { error: 'NotFound', message: `No control endpoint ${route}. Try GET /_localcloud/health.` });
  }
}

function setFaults(runtime: CloudRuntime, body: string): HttpAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return json(400, { error: 'InvalidJson', message: 'The body must be a JSON object: {"rules": [...], "consistencyDelaySeconds": N}' });
  }
  const settings = faultSettings.safeParse(parsed);
  if (!settings.success) return json(400, { error: 'InvalidFaults', message: z.prettifyError(settings.error) });
  for (const rule of settings.data.rules) runtime.faults.add(rule);
  if (settings.data.consistencyDelaySeconds !== undefined) runtime.faults.consistencyDelaySeconds = settings.data.consistencyDelaySeconds;
  return json(200, {});
}
