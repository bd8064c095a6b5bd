import { useSlos } from '../app-services';
import { selectSloList, type SloListModel } from '../lib/slo-list-model';

export function useSloList(): SloListModel {
  const slos = useSlos((state) => state.slos);
  const filterText = useSlos((state) => state.filterText);
  return selectSloList(slos, filterText);
}
