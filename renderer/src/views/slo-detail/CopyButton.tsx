import { useEffect, useState } from 'react';
import { copyText } from '../../actions/clipboard';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * Copies `text`; when the clipboard refuses, selects the text in `selectTarget` so Ctrl+C works,
 * and says so. The outcome is announced in a status region.
 */
export function CopyButton({ text, label, selectTarget }: { text: string; label: string; selectTarget: () => HTMLElement | null }) {
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
      <button type="button" className="copy-button" data-testid="copy-query" aria-label={`Copy ${label}`} onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span className="copy-status" role="status" data-testid="copy-status" data-state={state}>
        {state === 'failed' ? 'Could not use the clipboard: the query is selected, press Ctrl+C to copy it.' : state === 'copied' ? `${label} copied` : ''}
      </span>
    </span>
  );
}
