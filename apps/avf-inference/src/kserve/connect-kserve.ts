import { checkModelContract, type ModelContract, type ModelExpectation } from './model-contract';
import type { OipClient } from './oip-client';

/** The model server could not be used; the message says why, for the operator. */
export class KserveSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KserveSetupError';
  }
}

const POLL_MS = 1_000;

/**
 * Start-up check of the production backend: waits (up to `startupTimeoutMs`) for the server and
 * the model to be ready — a model server often starts after its clients — then reads the model's
 * metadata and checks that it takes and returns the tensors this worker uses.
 */
export async function connectKserve(client: OipClient, expected: ModelExpectation, startupTimeoutMs: number, log: (line: string) => void): Promise<ModelContract> {
  const deadline = Date.now() + startupTimeoutMs;
  for (let reported = false; ; reported = true) {
    const readiness = await client.readiness();
    if (readiness.ready) break;
    if (Date.now() + POLL_MS > deadline) {
      throw new KserveSetupError(`The model server is not ready after ${startupTimeoutMs / 1000} s: ${readiness.reason}`);
    }
    if (!reported) log(`waiting for the model server: ${readiness.reason}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  let metadata;
  try {
    metadata = await client.metadata();
  } catch (error) {
    throw new KserveSetupError(`The model's metadata could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const contract = checkModelContract(metadata, expected);
  if ('problems' in contract) {
    throw new KserveSetupError(`Model "${metadata.name}" does not fit this worker:\n${contract.problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return contract;
}
