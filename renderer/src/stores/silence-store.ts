import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OnCallApi } from '../../../shared/api';
import type { PendingAction, Silence } from '../../../shared/actions';
import type { Snapshot } from '../../../shared/model';
import type { SilenceDraft } from '../lib/silence-draft';

/** An open "Silence…" form: `key` changes with every new draft, so the form starts afresh. */
export interface OpenSilenceForm {
  key: number;
  draft: SilenceDraft;
  /** The alert it was opened from (the form shows in that alert's detail); null when made from scratch in the Silences view. */
  fingerprint: string | null;
}

/** One list the engine pushes on its own event; while a snapshot is awaited, an event for it wins over the snapshot. */
interface ListSync {
  eventWhileAwaiting: boolean;
  /** How many lists arrived by event; a command's answer is applied only if none arrived since it was sent. */
  eventCount: number;
}

export interface SilenceState {
  /** Active and pending silences of every Alertmanager, as the engine sent them; the view groups and sorts. */
  silences: readonly Silence[];
  /** The outbox: queued and recently finished upstream actions, oldest first. */
  actions: readonly PendingAction[];
  /** False until the first snapshot arrived. */
  loaded: boolean;
  awaitingSnapshot: boolean;
  silenceSync: ListSync;
  actionSync: ListSync;
  form: OpenSilenceForm | null;
  applySnapshot(snapshot: Pick<Snapshot, 'silences' | 'actions'>): void;
  applySilences(silences: readonly Silence[]): void;
  applyActions(actions: readonly PendingAction[]): void;
  beginResync(): void;
  /** A command's answer (the queued action), applied only if no `actionsChanged` arrived since `sentAt` (an `actionSync.eventCount`). */
  applyActionAnswer(action: PendingAction, sentAt: number): void;
  openForm(draft: SilenceDraft, fingerprint: string | null): void;
  closeForm(): void;
}

export type SilenceStore = StoreApi<SilenceState>;

const FRESH_SYNC: ListSync = { eventWhileAwaiting: false, eventCount: 0 };

export function createSilenceStore(): SilenceStore {
  return createStore<SilenceState>()((set, get) => {
    let formKey = 0;
    const afterEvent = (sync: ListSync): ListSync => ({ eventWhileAwaiting: sync.eventWhileAwaiting || get().awaitingSnapshot, eventCount: sync.eventCount + 1 });
    return {
      silences: [],
      actions: [],
      loaded: false,
      awaitingSnapshot: true,
      silenceSync: FRESH_SYNC,
      actionSync: FRESH_SYNC,
      form: null,
      applySnapshot(snapshot) {
        const { awaitingSnapshot, silenceSync, actionSync } = get();
        set({
          ...(awaitingSnapshot && silenceSync.eventWhileAwaiting ? {} : { silences: snapshot.silences }),
          ...(awaitingSnapshot && actionSync.eventWhileAwaiting ? {} : { actions: snapshot.actions }),
          loaded: true,
          awaitingSnapshot: false,
          silenceSync: { ...silenceSync, eventWhileAwaiting: false },
          actionSync: { ...actionSync, eventWhileAwaiting: false },
        });
      },
      applySilences: (silences) => set({ silences, silenceSync: afterEvent(get().silenceSync) }),
      applyActions: (actions) => set({ actions, actionSync: afterEvent(get().actionSync) }),
      beginResync: () =>
        set({
          awaitingSnapshot: true,
          silenceSync: { ...get().silenceSync, eventWhileAwaiting: false },
          actionSync: { ...get().actionSync, eventWhileAwaiting: false },
        }),
      applyActionAnswer(action, sentAt) {
        if (get().actionSync.eventCount !== sentAt) return;
        const actions = get().actions;
        const known = actions.some((candidate) => candidate.id === action.id);
        set({ actions: known ? actions.map((candidate) => (candidate.id === action.id ? action : candidate)) : [...actions, action] });
      },
      openForm: (draft, fingerprint) => set({ form: { key: ++formKey, draft, fingerprint } }),
      closeForm: () => set({ form: null }),
    };
  });
}

export function subscribeSilenceStore(store: SilenceStore, api: Pick<OnCallApi, 'on'>): () => void {
  const unsubscribes = [
    api.on('silencesChanged', (silences) => store.getState().applySilences(silences)),
    api.on('actionsChanged', (actions) => store.getState().applyActions(actions)),
  ];
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
