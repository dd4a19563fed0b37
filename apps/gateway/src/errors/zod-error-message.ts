import type { ZodError } from 'zod';

/** "kind: lowercase letters…; input: required" — names every field, in the caller's words. */
export function zodErrorMessage(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.map(String).join('.');
      const message = isMissing(issue.code, issue.message) ? 'is required' : issue.message;
      return field ? `${field}: ${message}` : message;
    })
    .join('; ');
}

/** Zod reports a missing key as a type error against undefined. */
function isMissing(code: string, message: string): boolean {
  return code === 'invalid_type' && message.endsWith('received undefined');
}
