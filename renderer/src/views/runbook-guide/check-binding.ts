import { createContext } from 'react';

/** How the checks in a step's Markdown read and change the session. */
export interface CheckBinding {
  isDone(checkId: string): boolean;
  toggle(checkId: string, done: boolean): void;
  disabled: boolean;
}

export const CheckBindingContext = createContext<CheckBinding | null>(null);
