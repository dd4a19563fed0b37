import { Injectable, type PipeTransform } from '@nestjs/common';
import { CodedError, isJobId } from '@jetjobs/contracts';

/** Job ids are UUIDs; anything else cannot name a job, so it is a 404 like an unknown one. */
@Injectable()
export class JobIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isJobId(value)) throw new CodedError('job_not_found', `No job with id ${value}`);
    return value.toLowerCase();
  }
}
