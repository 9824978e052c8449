import { createRequire } from 'node:module';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import { config } from '../config.ts';

/**
 * OpenTelemetry traces over OTLP, when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (the SDK reads the standard
 * OTEL_* variables: protocol, headers, sampler…). Started before the application's modules are imported
 * (core/bin/dentalpin.js), so that the instrumentations patch pg and http before first use. The SDK is loaded
 * only then: its exporters and semantic conventions are ~20 MB of heap in every process otherwise.
 */
let sdk: NodeSDK | null = null;

/** Quiet routes polled every few seconds: no traces of their own. */
const UNTRACED_PATHS = /^\/(health(\/ready)?|metrics)(\?|$)/;

export async function startTracing(): Promise<boolean> {
  let settings: ReturnType<typeof config>['tracing'];
  try {
    settings = config().tracing;
  } catch {
    // The CLI reports an invalid configuration on its own, right after.
    return false;
  }
  if (!settings.otlpEndpoint || sdk) return false;
  const [{ NodeSDK }, { HttpInstrumentation }, { PgInstrumentation }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-pg'),
  ]);
  sdk = new NodeSDK({
    serviceName: settings.serviceName,
    // Metrics are Prometheus' (/metrics) and logs go to stderr: over OTLP only traces.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.test(req.url ?? '') }),
      // SQL outside a traced request (the event relay polling every second) would be a trace per query.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  // ES modules that import node:http bypass the require hooks the instrumentation patches through; one
  // require patches the server and client prototypes every importer shares, whoever else requires it.
  createRequire(import.meta.url)('node:http');
  return true;
}

/** Sends the spans still buffered and stops tracing (the last step of a shutdown). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = null;
  await running?.shutdown();
}
