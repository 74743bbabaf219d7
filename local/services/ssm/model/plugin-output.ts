/**
 * A plugin's `Output` as ListCommandInvocations reports it (`Details`): what
 * SSM Agent itself sends back, standard output and standard error in one
 * text of at most 2,500 characters. The cap is the service model's
 * (`CommandPluginOutput`, "max": 2500, botocore ssm/2014-11-06/service-2.json;
 * "Length Constraints: Maximum length of 2500", SSM API Reference,
 * CommandPlugin). How the text is cut is the agent's: `TruncateOutput` with
 * `MaximumPluginOutputSize = 2500` in aws/amazon-ssm-agent,
 * agent/framework/processor/executer/iohandler/iohandler.go, whose test
 * vectors (iohandler_test.go) this follows.
 *
 * LIMITATIONS: the agent counts bytes (Go's `len`); this counts UTF-16 code
 * units, so a script printing non-ASCII text keeps a few more characters here.
 */

export const PLUGIN_OUTPUT_LIMIT = 2500;

/** The agent's header before standard error, and the marks it leaves where it cut (iohandler.go). */
const ERROR_TITLE = '\n----------ERROR-------\n';
const OUTPUT_TRUNCATED = '\n---Output truncated---';
const ERROR_TRUNCATED = '\n---Error truncated----';

/** Standard output, then the error header and standard error when there is any, cut to `capacity` as the agent cuts them. */
export function pluginOutput(stdout: string, stderr: string, capacity = PLUGIN_OUTPUT_LIMIT): string {
  const title = stderr.length > 0 ? ERROR_TITLE : '';
  const available = capacity - title.length;
  const half = Math.floor(available / 2);
  // The agent's test is strict: a text of exactly the available size is cut too.
  if (stdout.length + stderr.length < available) return stdout + title + stderr;
  if (stdout.length > half && stderr.length > half) {
    const each = Math.floor((available - ERROR_TRUNCATED.length - OUTPUT_TRUNCATED.length) / 2);
    return stdout.slice(0, each) + OUTPUT_TRUNCATED + title + stderr.slice(0, each) + ERROR_TRUNCATED;
  }
  if (stdout.length <= half) return stdout + title + stderr.slice(0, available - ERROR_TRUNCATED.length - stdout.length) + ERROR_TRUNCATED;
  return stdout.slice(0, available - OUTPUT_TRUNCATED.length - stderr.length) + OUTPUT_TRUNCATED + title + stderr;
}
