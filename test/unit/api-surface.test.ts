import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands, events } from '../../shared/api';

// Any change to what the renderer can call or receive shows up here in review.
describe('API surface between renderer and main process', () => {
  it('exposes exactly these commands and events', () => {
    expect(Object.keys(commands)).toEqual([
      'getSnapshot',
      'pauseNotifications',
      'resumeNotifications',
      'setPreferences',
      'openExternal',
      'getSloHistory',
      'getRunbook',
      'searchRunbooks',
      'startRunbookSession',
      'updateRunbookSession',
      'declareIncident',
      'updateIncident',
      'addIncidentNote',
      'markKeyMoment',
      'exportPostmortem',
      'incidentStatusUpdate',
      'acknowledgeAlert',
      'createSilence',
      'expireSilence',
      'cancelAction',
      'getAlertHistory',
      'searchAlertHistory',
      'setOnCall',
      'getSourceSettings',
      'saveSource',
      'removeSource',
      'testSource',
      'saveSecret',
      'getShift',
      'exportShiftReport',
      'acknowledgeEverywhere',
      'resolveAlert',
      'getDesktopSettings',
      'setDesktopSettings',
    ]);
    expect(Object.keys(events)).toEqual([
      'alertsChanged',
      'sourcesChanged',
      'notificationsChanged',
      'preferencesChanged',
      'configChanged',
      'focusAlert',
      'focusRunbook',
      'slosChanged',
      'runbooksChanged',
      'incidentsChanged',
      'connectivityChanged',
      'silencesChanged',
      'actionsChanged',
      'storageProblemsChanged',
      'dependenciesChanged',
      'onCallChanged',
    ]);
  });

  it('validates command inputs with these schemas', () => {
    const inputs = Object.fromEntries(Object.entries(commands).map(([name, command]) => [name, z.toJSONSchema(command.input)]));
    expect(inputs).toMatchSnapshot();
  });
});
