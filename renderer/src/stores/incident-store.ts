import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OnCallApi } from '../../../shared/api';
import type { Incident } from '../../../shared/incident';
import type { IncidentDraft } from '../lib/incident-draft';

/** An open "Declare incident" form: `key` changes with every new draft, so the form starts afresh. */
export interface OpenDraft {
  key: number;
  draft: IncidentDraft;
}

export type IncidentChange = Partial<Pick<Incident, 'title' | 'severity' | 'status' | 'resolvedAt' | 'roles' | 'timeline'>>;

export interface IncidentState {
  /** As the engine sent them; the view sorts. */
  incidents: readonly Incident[];
  loaded: boolean;
  awaitingSnapshot: boolean;
  /** An `incidentsChanged` arrived while awaiting the snapshot: it is at least as new, so it wins. */
  eventWhileAwaiting: boolean;
  /** How many lists the engine pushed; a command's answer is applied only if none arrived since it was sent. */
  eventCount: number;
  selectedId: string | null;
  detailOpen: boolean;
  draft: OpenDraft | null;
  applySnapshot(incidents: readonly Incident[]): void;
  applyEvent(incidents: readonly Incident[]): void;
  beginResync(): void;
  /** A command's answer, applied only if no list arrived since `sentAt` (an `eventCount`). */
  applyAnswer(incident: Incident, sentAt: number): void;
  /** Shows a change before the engine confirms it; the next list (or `applyAnswer`) has the truth. */
  patchLocally(id: string, change: IncidentChange): void;
  select(id: string | null): void;
  /** Opens the detail of `id`, or of the current selection when omitted; closes the declare form. */
  openDetail(id?: string): void;
  closeDetail(): void;
  startDraft(draft: IncidentDraft): void;
  closeDraft(): void;
}

export type IncidentStore = StoreApi<IncidentState>;

export function createIncidentStore(): IncidentStore {
  return createStore<IncidentState>()((set, get) => {
    const replaceOne = (id: string, update: (incident: Incident) => Incident) =>
      get().incidents.map((candidate) => (candidate.id === id ? update(candidate) : candidate));
    let draftKey = 0;
    return {
      incidents: [],
      loaded: false,
      awaitingSnapshot: true,
      eventWhileAwaiting: false,
      eventCount: 0,
      selectedId: null,
      detailOpen: false,
      draft: null,
      applySnapshot(incidents) {
        if (!(get().awaitingSnapshot && get().eventWhileAwaiting)) set({ incidents, loaded: true });
        set({ awaitingSnapshot: false, eventWhileAwaiting: false });
      },
      applyEvent(incidents) {
        set({ incidents, loaded: true, eventCount: get().eventCount + 1 });
        if (get().awaitingSnapshot) set({ eventWhileAwaiting: true });
      },
      beginResync: () => set({ awaitingSnapshot: true, eventWhileAwaiting: false }),
      applyAnswer(incident, sentAt) {
        if (get().eventCount !== sentAt) return;
        const known = get().incidents.some((candidate) => candidate.id === incident.id);
        set({ incidents: known ? replaceOne(incident.id, () => incident) : [incident, ...get().incidents] });
      },
      patchLocally(id, change) {
        if (get().incidents.some((candidate) => candidate.id === id)) set({ incidents: replaceOne(id, (incident) => ({ ...incident, ...change })) });
      },
      select: (selectedId) => set({ selectedId }),
      openDetail(id) {
        const selectedId = id ?? get().selectedId;
        if (selectedId !== null) set({ selectedId, detailOpen: true, draft: null });
      },
      closeDetail: () => set({ detailOpen: false, draft: null }),
      startDraft: (draft) => set({ draft: { key: ++draftKey, draft } }),
      closeDraft: () => set({ draft: null }),
    };
  });
}

export function subscribeIncidentStore(store: IncidentStore, api: Pick<OnCallApi, 'on'>): () => void {
  return api.on('incidentsChanged', (incidents) => store.getState().applyEvent(incidents));
}
