import { CodedError } from '@jetjobs/contracts';
import type { AuthenticatedRequest } from './authenticated-request';
import type { StreamRoute } from './require-scopes.decorator';

const JOB_ID_PARAMS = ['id', 'job_id', 'request_id'];

/**
 * A stream token opens one job's event streams and nothing else: refused on any other route,
 * and on a stream of another job.
 */
export function checkStreamBinding(tokenJobId: string, route: StreamRoute | undefined, request: AuthenticatedRequest): void {
  if (route === undefined) {
    throw new CodedError('unauthorized', "A stream token is only accepted on its job's event stream");
  }
  const params = request.params as Record<string, string | undefined>;
  const name = route.jobIdParam ?? JOB_ID_PARAMS.find((candidate) => params[candidate] !== undefined);
  const routeJobId = name === undefined ? undefined : params[name];
  if (routeJobId === undefined || routeJobId.toLowerCase() !== tokenJobId.toLowerCase()) {
    throw new CodedError('unauthorized', 'This stream token is for another job');
  }
}
