import { z } from 'zod';

/** A runbook as the list shows it. `error` names the line when its front matter could not be read. */
export const RunbookSummarySchema = z.object({
  /** Stable: the path of the file relative to its runbook folder, e.g. `database/disk-filling-up.md`. */
  id: z.string(),
  title: z.string(),
  file: z.string(),
  services: z.array(z.string()),
  /** The `alerts` front-matter matchers as written (Alertmanager syntax). */
  alerts: z.string().nullable(),
  severity: z.string().nullable(),
  owner: z.string().nullable(),
  tags: z.array(z.string()),
  error: z.string().nullable(),
});
export type RunbookSummary = z.infer<typeof RunbookSummarySchema>;

/** One check (`- [ ] …`) inside a step. */
export const RunbookCheckSchema = z.object({ id: z.string(), text: z.string() });

/** A choice: a list item that is only a link to another step's heading, e.g. `- [Database is down](#restore-the-database)`. */
export const RunbookChoiceSchema = z.object({ label: z.string(), targetStepId: z.string() });

/** Each `##` heading starts a step. `markdown` is the step's body, untrusted: render it sanitised, substitute labels first. */
export const RunbookStepSchema = z.object({
  id: z.string(),
  title: z.string(),
  markdown: z.string(),
  checks: z.array(RunbookCheckSchema),
  /** Fenced code blocks: commands, shown with a Copy button. */
  commands: z.array(z.object({ language: z.string().nullable(), code: z.string() })),
  choices: z.array(RunbookChoiceSchema),
});
export type RunbookStep = z.infer<typeof RunbookStepSchema>;

export const RunbookDocumentSchema = RunbookSummarySchema.extend({
  /** Markdown before the first `##` heading (introduction). */
  intro: z.string(),
  steps: z.array(RunbookStepSchema),
});
export type RunbookDocument = z.infer<typeof RunbookDocumentSchema>;

/** A runbook being followed in guided mode; persisted, so progress survives restarts. */
export const RunbookSessionSchema = z.object({
  id: z.string(),
  runbookId: z.string(),
  runbookTitle: z.string(),
  /** The alert it was opened for; its labels fill `{{ $labels.x }}` and `{{ $value }}`. */
  alertFingerprint: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  value: z.string().nullable(),
  incidentId: z.string().nullable(),
  startedAt: z.string(),
  /** The step shown now; `history` is the path taken (for Back). */
  currentStepId: z.string().nullable(),
  history: z.array(z.string()),
  /** stepId → ids of the checks done. */
  checks: z.record(z.string(), z.array(z.string())),
  /** stepId → the user's note. */
  notes: z.record(z.string(), z.string()),
  /** stepIds marked done (Next pressed on them). */
  completedSteps: z.array(z.string()),
  finishedAt: z.string().nullable(),
});
export type RunbookSession = z.infer<typeof RunbookSessionSchema>;

export const RunbookSessionActionSchema = z.discriminatedUnion('type', [
  /** Marks the current step done and shows `stepId` (the next one, or a choice's target). */
  z.object({ type: z.literal('advance'), stepId: z.string() }),
  z.object({ type: z.literal('back') }),
  z.object({ type: z.literal('check'), stepId: z.string(), checkId: z.string(), done: z.boolean() }),
  z.object({ type: z.literal('note'), stepId: z.string(), text: z.string().max(20_000) }),
  /** Marks the current step done and the runbook finished. */
  z.object({ type: z.literal('finish') }),
]);
export type RunbookSessionAction = z.infer<typeof RunbookSessionActionSchema>;

export const RunbookSetSchema = z.object({
  runbooks: z.array(RunbookSummarySchema),
  sessions: z.array(RunbookSessionSchema),
  /** Folders or files under `runbooks:` that could not be read. */
  errors: z.array(z.string()),
});
export type RunbookSet = z.infer<typeof RunbookSetSchema>;
