import { useEffect, useId, useState } from 'react';
import type { SourceSettingsList } from '../../../../shared/settings';
import { loadSourceSettings, removeSourceByName } from '../../actions/source-settings';
import { useEngine, useServices } from '../../app-services';
import { EmptyState } from '../common/EmptyState';
import { VIEW_PANEL_ID, VIEW_TAB_ID } from '../header/ViewTabs';
import { draftFromFields, EDITABLE_TYPES, emptyDraft, TYPE_LABEL, type EditableType, type SourceDraft } from './source-draft';
import { AppearanceSection } from './AppearanceSection';
import { DesktopSettingsSection } from './DesktopSettingsSection';
import { SourceForm } from './SourceForm';
import { SourceRow } from './SourceRow';
import '../../styles/settings.css';

interface Editing {
  key: number;
  previousName: string | null;
  draft: SourceDraft;
  /** The source as listed when the form opened: a save is refused if the file changed it meanwhile. */
  listed?: Record<string, unknown>;
}

/**
 * The config file's sources, read when the view opens and when the file changes: each with its health, Edit, Test and
 * Remove; "Add source" opens the form for the chosen type in a pane beside the list. The YAML
 * file stays the source of truth: every change is written into it, comments kept.
 */
export function SettingsView() {
  const { api } = useServices();
  const configStatus = useEngine((state) => state.config);
  const demo = configStatus?.demo ?? false;
  const [list, setList] = useState<SourceSettingsList | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [newType, setNewType] = useState<EditableType>('http');
  const [notice, setNotice] = useState<string | null>(null);
  const ids = useId();

  // Read when the view opens, and again when the config file changed (the engine pushes its status): no polling.
  useEffect(() => {
    let cancelled = false;
    void loadSourceSettings(api).then((outcome) => {
      if (cancelled) return;
      if (outcome.ok) setList(outcome.value);
      setProblem(outcome.ok ? null : outcome.message);
    });
    return () => {
      cancelled = true;
    };
  }, [api, configStatus]);

  const open = (previousName: string | null, draft: SourceDraft, listed?: Record<string, unknown>) => {
    setNotice(null);
    setEditing({ key: Date.now(), previousName, draft, ...(listed ? { listed } : {}) });
  };

  const remove = async (name: string): Promise<boolean> => {
    const outcome = await removeSourceByName(api, name);
    if (!outcome.ok) {
      setProblem(outcome.message);
      return false;
    }
    setList(outcome.value);
    setProblem(null);
    setNotice(`Removed ${name} from the config.`);
    if (editing?.previousName === name) setEditing(null);
    return true;
  };

  return (
    <div className="view-panel settings-view" role="tabpanel" id={VIEW_PANEL_ID.settings} aria-labelledby={VIEW_TAB_ID.settings} data-testid="settings-view">
      <div className="filter-bar settings-toolbar">
        <label htmlFor={`${ids}-type`}>New source</label>
        <select id={`${ids}-type`} data-testid="settings-new-type" value={newType} onChange={(event) => setNewType(event.target.value as EditableType)}>
          {EDITABLE_TYPES.map((type) => (
            <option key={type} value={type}>
              {TYPE_LABEL[type]}
            </option>
          ))}
        </select>
        <button type="button" className="primary-button" data-testid="settings-add" disabled={!list?.writable} onClick={() => open(null, emptyDraft(newType))}>
          Add source
        </button>
        {list?.path && (
          <span className="filter-count settings-path" data-testid="settings-path">
            Config file: <code>{list.path}</code>
          </span>
        )}
      </div>
      {demo && list?.writable && (
        <p className="banner banner-warning" data-testid="settings-demo">
          The demo workspace is running. The first source you add creates the config file and replaces the demo.
        </p>
      )}
      {list && !list.writable && (
        <p className="banner banner-error" role="alert" data-testid="settings-readonly">
          {list.reason}
        </p>
      )}
      {problem && (
        <p className="banner banner-error" role="alert" data-testid="settings-error">
          {problem}
        </p>
      )}
      {notice && (
        <p className="settings-notice" role="status" data-testid="settings-notice">
          {notice}
        </p>
      )}
      <div className={editing ? 'workspace settings-workspace with-pane' : 'workspace settings-workspace'}>
        <div className="settings-scroll">
          <h2 className="section-title">Sources</h2>
          {!list ? (
            <EmptyState testId="settings-loading" kind={problem ? 'error' : 'loading'} title={problem ? 'The sources could not be read' : 'Reading the config…'} />
          ) : list.sources.length === 0 ? (
            <EmptyState testId="settings-empty" kind="empty" title="No sources in the config file yet">
              Choose a type and Add source.
            </EmptyState>
          ) : (
            <ul className="settings-sources" data-testid="settings-sources">
              {list.sources.map((source) => (
                <SourceRow key={source.name} source={source} writable={list.writable} onEdit={() => open(source.name, draftFromFields(source.fields), source.fields)} onRemove={() => remove(source.name)} />
              ))}
            </ul>
          )}
          <AppearanceSection />
          <DesktopSettingsSection />
        </div>
        {editing && (
          <SourceForm
            key={editing.key}
            initial={editing.draft}
            previousName={editing.previousName}
            {...(editing.listed ? { listed: editing.listed } : {})}
            writable={list?.writable ?? false}
            onCancel={() => setEditing(null)}
            onSaved={(saved, name) => {
              setList(saved);
              setEditing(null);
              setNotice(`Saved ${name}; the app uses it now.`);
            }}
          />
        )}
      </div>
    </div>
  );
}
