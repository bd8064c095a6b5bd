import { useEffect, useState } from 'react';
import { copyText } from '../../actions/clipboard';

type CopyState = 'idle' | 'copied' | 'failed';

interface CopyButtonProps {
  text: string;
  /** What is copied, for the button's name and the status message: "SLI query", "command". */
  label: string;
  selectTarget: () => HTMLElement | null;
  testId?: string;
  /** The word for the selected text in the fallback message: "the query is selected". */
  noun?: string;
}

/**
 * Copies `text`; when the clipboard refuses, selects the text in `selectTarget` so Ctrl+C works,
 * and says so. The outcome is announced in a status region.
 */
export function CopyButton({ text, label, selectTarget, testId = 'copy-query', noun = 'query' }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), state === 'copied' ? 2000 : 8000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    if (await copyText(text)) {
      setState('copied');
      return;
    }
    const target = selectTarget();
    if (target) {
      const range = document.createRange();
      range.selectNodeContents(target);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
    setState('failed');
  };

  return (
    <span className="copy">
      <button type="button" className="copy-button" data-testid={testId} aria-label={`Copy ${label}`} onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span className="copy-status" role="status" data-testid="copy-status" data-state={state}>
        {state === 'failed' ? `Could not use the clipboard: the ${noun} is selected, press Ctrl+C to copy it.` : state === 'copied' ? `${label} copied` : ''}
      </span>
    </span>
  );
}
