/**
 * The time scale a local cloud at `endpoint` runs at, from its health
 * answer. Undefined for an endpoint that is no local cloud (AWS-compatible
 * endpoints have no such path, or answer it with something else) or that
 * does not answer in time: the pace is then read from the run's own waits.
 */
export async function endpointPace(endpoint: string): Promise<number | undefined> {
  const health = await fetch(`${endpoint}/_localcloud/health`, { signal: AbortSignal.timeout(1000) })
    .then(async (response) => (response.ok ? ((await response.json()) as { timeScale?: unknown }) : {}))
    .catch((): { timeScale?: unknown } => ({}));
  return typeof health.timeScale === 'number' ? health.timeScale : undefined;
}
