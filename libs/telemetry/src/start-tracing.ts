import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { useTracer } from './tracer';

export interface Tracing {
  readonly enabled: boolean;
  /** Sends the spans still buffered; call before the process exits. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { enabled: false, shutdown: async () => undefined };

/**
 * Starts exporting spans over OTLP/HTTP (JSON) when `endpoint` is set. The exporter reads the
 * standard OTEL_EXPORTER_OTLP_* variables itself (endpoint, headers, timeout). Without an
 * endpoint nothing starts and spans stay ids only.
 */
export function startTracing(service: string, endpoint: string | undefined): Tracing {
  if (endpoint === undefined) return OFF;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    // Batched: a span costs a push to a buffer on the hot path; export happens off it.
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), scheduledDelayMillis: 1_000 })],
  });
  // Global too, so that any library instrumented with the OpenTelemetry API reports here.
  trace.setGlobalTracerProvider(provider);
  useTracer(provider.getTracer('jetjobs'));
  return {
    enabled: true,
    async shutdown() {
      useTracer(null);
      await provider.shutdown();
    },
  };
}
