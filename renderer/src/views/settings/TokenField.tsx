import type { SourceType } from '../../../../shared/model';
import type { SourceDraft, TokenMode } from './source-draft';

interface TokenFieldProps {
  draft: SourceDraft;
  idPrefix: string;
  problem: string | undefined;
  onChange: (change: Partial<Pick<SourceDraft, 'tokenMode' | 'tokenRef' | 'tokenValue'>>) => void;
}

const MODES: Array<{ mode: TokenMode; label: string }> = [
  { mode: 'secret', label: 'Saved in the app' },
  { mode: 'env', label: 'Environment variable' },
  { mode: 'file', label: 'File' },
  { mode: 'none', label: 'None' },
];

const REF_LABEL: Record<Exclude<TokenMode, 'none'>, string> = {
  secret: 'Name of the saved token',
  env: 'Variable name',
  file: 'Path of the file holding the token',
};

/** Where the API token comes from. A token typed here goes to the app's encrypted store; the config only names it. */
export function TokenField({ draft, idPrefix, problem, onChange }: TokenFieldProps) {
  const required = draft.type === 'pagerduty' || draft.type === 'opsgenie';
  const modes = MODES.filter((entry) => !(required && entry.mode === 'none'));
  const problemId = problem ? `${idPrefix}-token-problem` : undefined;
  return (
    <fieldset className={problem ? 'form-group invalid' : 'form-group'} data-testid="source-token" aria-describedby={problemId}>
      <legend>{tokenLegend(draft.type, required)}</legend>
      <div className="token-modes">
        {modes.map((entry) => (
          <label key={entry.mode} className="form-check">
            <input type="radio" name={`${idPrefix}-token-mode`} data-testid={`token-mode-${entry.mode}`} checked={draft.tokenMode === entry.mode} onChange={() => onChange({ tokenMode: entry.mode })} />
            <span>{entry.label}</span>
          </label>
        ))}
      </div>
      {draft.tokenMode !== 'none' && (
        <div className="form-field">
          <label htmlFor={`${idPrefix}-token-ref`}>{REF_LABEL[draft.tokenMode]}</label>
          <input id={`${idPrefix}-token-ref`} data-testid="token-ref" type="text" autoComplete="off" spellCheck={false} placeholder={draft.tokenMode === 'secret' ? "default: the source's name" : undefined} value={draft.tokenRef} onChange={(event) => onChange({ tokenRef: event.target.value })} />
        </div>
      )}
      {draft.tokenMode === 'secret' && (
        <div className="form-field">
          <label htmlFor={`${idPrefix}-token-value`}>Token (typed once; leave empty to keep the saved one)</label>
          <input
            id={`${idPrefix}-token-value`}
            data-testid="token-value"
            type="password"
            autoComplete="off"
            value={draft.tokenValue}
            onChange={(event) => onChange({ tokenValue: event.target.value })}
          />
          <span className="field-hint">Stored in the app&rsquo;s secret store, never in the config file and never shown again.</span>
        </div>
      )}
      {problem && (
        <p className="field-problem" id={problemId} data-testid="source-problem-token">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

function tokenLegend(type: SourceType, required: boolean): string {
  if (type === 'pagerduty') return 'PagerDuty API token (a user token)';
  if (type === 'opsgenie') return 'Opsgenie API key';
  return required ? 'API token' : 'Bearer token (optional, e.g. a Grafana service-account token)';
}
