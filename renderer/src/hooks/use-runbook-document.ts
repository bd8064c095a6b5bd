import { useEffect } from 'react';
import { loadRunbookDocument } from '../actions/runbooks';
import { useRunbooks, useServices } from '../app-services';
import type { RunbookDocumentEntry } from '../stores/runbook-store';

/** A runbook document for guided mode: fetched when first shown, and again after the runbooks changed. */
export function useRunbookDocument(id: string | null): RunbookDocumentEntry | undefined {
  const services = useServices();
  const entry = useRunbooks((state) => (id === null ? undefined : state.documents.get(id)));
  const stale = entry?.stale ?? false;
  useEffect(() => {
    if (id !== null) void loadRunbookDocument(services, id);
  }, [services, id, stale]);
  return entry;
}
