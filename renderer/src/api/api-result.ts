import { z } from 'zod';
import { ApiCallError, commands, describeZodError, type CommandName, type CommandOutput } from '../../../shared/api';
import { RendererSnapshotSchema } from './snapshot-output';

const ApiResultSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.enum(['invalid-input', 'unknown-command', 'failed', 'unauthorized']), message: z.string() }),
  }),
]);

/**
 * Turns an engine answer, from either transport, into the command's output, or throws
 * `ApiCallError` with the engine's words. `via` says how it came (`HTTP 400`, `IPC`) for errors.
 */
export function unwrapApiResult<N extends CommandName>(name: N, body: unknown, via: string): CommandOutput<N> {
  const envelope = ApiResultSchema.safeParse(body);
  if (!envelope.success) {
    throw new ApiCallError('failed', `${name}: unexpected answer from the engine (${via})`);
  }
  if (!envelope.data.ok) throw new ApiCallError(envelope.data.error.code, envelope.data.error.message);
  return checkCommandOutput(name, envelope.data.result);
}

/**
 * Checks a command's result against its shared output schema, whichever transport carried it
 * (web bridge or Electron preload): a malformed result throws `ApiCallError` ('failed').
 */
export function checkCommandOutput<N extends CommandName>(name: N, result: unknown): CommandOutput<N> {
  const schema: z.ZodType = name === 'getSnapshot' ? RendererSnapshotSchema : commands[name].output;
  const output = schema.safeParse(result);
  if (!output.success) throw new ApiCallError('failed', `${name}: malformed result: ${describeZodError(output.error)}`);
  return output.data as CommandOutput<N>;
}
