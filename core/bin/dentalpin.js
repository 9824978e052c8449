#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the installed sources are the program.
import { register } from 'tsx/esm/api';
register();
// Traces (OTEL_EXPORTER_OTLP_ENDPOINT) start before the program is imported, so that pg and http get instrumented.
if (process.argv[2] === 'serve') (await import('../src/observability/tracing.ts')).startTracing();
await import('../src/cli/run.ts');
