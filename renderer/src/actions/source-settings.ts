import type { OnCallApi } from '../../../shared/api';
import type { ConnectionTest, SourceSettingsList } from '../../../shared/settings';
import { fieldsFromDraft, type SourceDraft } from '../views/settings/source-draft';

/**
 * The Settings view's commands. Each answers with what happened instead of throwing, so the
 * form can put the engine's words next to the field they are about.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

async function attempt<T>(command: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await command() };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

async function saveTypedToken(api: OnCallApi, draft: SourceDraft): Promise<void> {
  if (draft.tokenMode !== 'secret' || draft.tokenValue.trim() === '') return;
  try {
    await api.saveSecret({ name: draft.tokenRef.trim(), value: draft.tokenValue.trim() });
  } catch (error) {
    // Its problems are about the token's name or value, whatever field the secret store calls them.
    throw new Error(`token: ${(error instanceof Error ? error.message : String(error)).replace(/^saveSecret: /, '')}`, { cause: error });
  }
}

export function loadSourceSettings(api: OnCallApi): Promise<Outcome<SourceSettingsList>> {
  return attempt(() => api.getSourceSettings({}));
}

/** Saves a typed token first (it goes to the secret store, the config names it), then the source. */
export function saveSourceDraft(api: OnCallApi, previousName: string | null, draft: SourceDraft): Promise<Outcome<SourceSettingsList>> {
  return attempt(async () => {
    await saveTypedToken(api, draft);
    return api.saveSource({ previousName, fields: fieldsFromDraft(draft) });
  });
}

export function removeSourceByName(api: OnCallApi, name: string): Promise<Outcome<SourceSettingsList>> {
  return attempt(() => api.removeSource({ name }));
}

/** Tests unsaved settings; a token typed but not saved yet is saved first, since the test reads it from the store. */
export function testSourceDraft(api: OnCallApi, draft: SourceDraft): Promise<Outcome<ConnectionTest>> {
  return attempt(async () => {
    await saveTypedToken(api, draft);
    return api.testSource({ fields: fieldsFromDraft(draft) });
  });
}

export function testSavedSource(api: OnCallApi, fields: Record<string, unknown>): Promise<Outcome<ConnectionTest>> {
  return attempt(() => api.testSource({ fields }));
}
