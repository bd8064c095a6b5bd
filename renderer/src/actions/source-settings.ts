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

/** A typed token goes to the secret store under the name the fields refer to (by default the source's own), never replacing another source's. */
async function saveTypedToken(api: OnCallApi, draft: SourceDraft, fields: Record<string, unknown>): Promise<void> {
  const name = (fields.token as { secret?: unknown } | undefined)?.secret;
  if (draft.tokenMode !== 'secret' || draft.tokenValue.trim() === '' || typeof name !== 'string') return;
  try {
    await api.saveSecret({ name, value: draft.tokenValue.trim(), ...(typeof fields.name === 'string' && fields.name ? { forSource: fields.name } : {}) });
  } catch (error) {
    // Its problems are about the token's name or value, whatever field the secret store calls them.
    throw new Error(`token: ${(error instanceof Error ? error.message : String(error)).replace(/^saveSecret: /, '')}`, { cause: error });
  }
}

export function loadSourceSettings(api: OnCallApi): Promise<Outcome<SourceSettingsList>> {
  return attempt(() => api.getSourceSettings({}));
}

/** Saves a typed token first (it goes to the secret store, the config names it), then the source. */
export function saveSourceDraft(api: OnCallApi, previousName: string | null, draft: SourceDraft, listed?: Record<string, unknown>): Promise<Outcome<SourceSettingsList>> {
  return attempt(async () => {
    const fields = fieldsFromDraft(draft);
    await saveTypedToken(api, draft, fields);
    return api.saveSource({ previousName, fields, ...(listed ? { listed } : {}) });
  });
}

export function removeSourceByName(api: OnCallApi, name: string): Promise<Outcome<SourceSettingsList>> {
  return attempt(() => api.removeSource({ name }));
}

/** Tests unsaved settings; a token typed in the form goes with this test only (it is stored when the source is saved). */
export function testSourceDraft(api: OnCallApi, draft: SourceDraft): Promise<Outcome<ConnectionTest>> {
  const typed = draft.tokenMode === 'secret' ? draft.tokenValue.trim() : '';
  return attempt(() => api.testSource({ fields: fieldsFromDraft(draft), ...(typed ? { token: typed } : {}) }));
}

export function testSavedSource(api: OnCallApi, fields: Record<string, unknown>): Promise<Outcome<ConnectionTest>> {
  return attempt(() => api.testSource({ fields }));
}
