import { rootLogger, type Logger } from '@jetjobs/telemetry';
import { AttemptFailure } from './run-attempt';

/**
 * The `onError` every worker main passes to `startWorker`: a failed attempt becomes one error line
 * with its job, attempt and code, and the detail clients never see (tool output, hosts); anything
 * else (a lost connection, a report that could not be stored) one line with its message and stack.
 */
export function logWorkerError(logger: Logger = rootLogger()): (error: unknown) => void {
  return (error) => {
    if (error instanceof AttemptFailure) {
      logger.error({ job_id: error.jobId, attempt: error.attempt, code: error.code }, error.message);
    } else if (error instanceof Error) {
      logger.error({ err_name: error.name, stack: error.stack }, error.message);
    } else {
      logger.error(String(error));
    }
  };
}
