import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useEngine, useUi } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import { onCallShortLabel, onCallTitle } from '../../lib/on-call-text';
import { OnCallChoices } from '../shift/OnCallChoices';

const MENU_ID = 'on-call-menu';

/** A small pill, "On call until 09:00" / "Off call", opening a menu to set it yourself or open "My shift". */
export function OnCallControl() {
  const status = useEngine((state) => state.onCall);
  const sources = useEngine((state) => state.sources);
  const setView = useUi((state) => state.setView);
  const now = useNow();
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const chosen = menu.current?.querySelector<HTMLButtonElement>('button[aria-pressed="true"]');
    (chosen ?? menu.current?.querySelector<HTMLButtonElement>('button'))?.focus();
  }, [open]);

  if (!status) return null;
  const title = onCallTitle(status, sources, now);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      close(true);
    }
  };
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
  };

  return (
    <div className="on-call" onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={trigger}
        type="button"
        className="on-call-pill"
        data-testid="on-call-toggle"
        data-state={status.state}
        data-basis={status.basis ?? ''}
        aria-expanded={open}
        aria-controls={open ? MENU_ID : undefined}
        title={title}
        onClick={() => setOpen(!open)}
      >
        <span className="on-call-dot" aria-hidden="true" />
        {onCallShortLabel(status, now)}
      </button>
      {open && (
        <div ref={menu} id={MENU_ID} className="on-call-menu" data-testid="on-call-menu">
          <p className="on-call-menu-status">{title.split('\n')[0]}</p>
          <OnCallChoices status={status} testIdPrefix="on-call-choice" onChosen={() => close(true)} />
          <button
            type="button"
            className="link-button"
            data-testid="on-call-open-shift"
            onClick={() => {
              setOpen(false);
              setView('shift');
            }}
          >
            Open My shift
          </button>
        </div>
      )}
    </div>
  );
}
