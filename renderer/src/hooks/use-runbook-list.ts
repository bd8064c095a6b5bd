import { useRunbooks } from '../app-services';
import { selectRunbookList, type RunbookListModel } from '../lib/runbook-list-model';

export function useRunbookList(): RunbookListModel {
  const runbooks = useRunbooks((state) => state.runbooks);
  const query = useRunbooks((state) => state.query);
  const results = useRunbooks((state) => state.searchResults);
  return selectRunbookList(runbooks, query, results);
}
