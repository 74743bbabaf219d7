/** A run id that names nothing where the command looked: no execution, no tagged resource. */
export class NoSuchRun extends Error {
  constructor(runId: string, where: string) {
    super(`No run ${runId} at ${where}: no lab-run execution and no resource tagged with it, so nothing was torn down. Check the run id with vpce-lab list (and the place: --local, --endpoint or --aws, and --region).`);
    this.name = 'NoSuchRun';
  }
}
