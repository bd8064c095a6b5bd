import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { setOnCall } from '../../actions/on-call';
import { useEngine, useServices } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import { ON_CALL_CHOICES, currentOnCallChoice, onCallLabel, onCallTitle, type OnCallChoice } from '../../lib/on-call-text';

const MENU_ID = 'on-call-menu';

/** On call or not, and a small disclosure to say so yourself or follow PagerDuty/Opsgenie again. */
export function OnCallToggle() {
  const services = useServices();
  const status = useEngine((state) => state.onCall);
  const sources = useEngine((state) => state.sources);
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
  const current = currentOnCallChoice(status);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.current?.focus();
  };
  const choose = (choice: OnCallChoice) => {
    close(true);
    void setOnCall(services, choice);
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
        className="on-call-toggle"
        data-testid="on-call-toggle"
        data-state={status.state}
        data-basis={status.basis ?? ''}
        aria-expanded={open}
        aria-controls={open ? MENU_ID : undefined}
        title={onCallTitle(status, sources, now)}
        onClick={() => setOpen(!open)}
      >
        {onCallLabel(status, now)}
        <span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <div ref={menu} id={MENU_ID} className="on-call-menu" role="group" aria-label="Set on call">
          {ON_CALL_CHOICES.map(({ value, label }) => (
            <button
              key={String(value)}
              type="button"
              data-testid={`on-call-choice-${String(value)}`}
              aria-pressed={current === value}
              onClick={() => choose(value)}
            >
              {label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
