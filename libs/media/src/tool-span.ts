import { basename } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { currentTraceparent, startSpan } from '@jetjobs/telemetry';

/**
 * One span per tool run (ffmpeg, ffprobe, a speech model), a child of the attempt that runs it,
 * so a trace shows where an attempt's time went. Only the tool's name is recorded: arguments
 * hold paths and URLs.
 */
export function traceToolRun(child: ChildProcess, command: string): void {
  const name = basename(command);
  const span = startSpan(name, { parent: currentTraceparent(), attributes: { 'process.executable.name': name, 'process.pid': child.pid } });
  let open = true;
  // A spawn failure may be followed by an exit: the span ends once, at the first.
  const end = (failure: Error | null) => {
    if (!open) return;
    open = false;
    if (failure) span.fail(failure);
    span.end();
  };
  child.once('error', (error) => end(error));
  child.once('exit', (code, signal) => {
    span.setAttributes({ 'process.exit.code': code ?? undefined, 'process.exit.signal': signal ?? undefined });
    end(code === 0 ? null : new Error(signal ? `killed by ${signal}` : `exited with ${code}`));
  });
}
