import { useId, useState } from 'react';
import type { Incident, IncidentRoles } from '../../../../shared/incident';
import { updateIncident } from '../../actions/incidents';
import { useServices } from '../../app-services';
import { ROLE_MAX } from '../../lib/incident-draft';
import { INCIDENT_ROLE_LABEL, INCIDENT_ROLES } from '../../lib/incident-order';

/** Who holds each role, typed in; saved when the field is left (or on Enter), each change on the timeline. */
export function IncidentRolesEditor({ incident }: { incident: Incident }) {
  return (
    <fieldset className="incident-roles" data-testid="incident-roles">
      <legend>Roles</legend>
      {INCIDENT_ROLES.map((role) => (
        // Remounted when the stored name changes, so the field shows it unless it is being edited.
        <RoleInput key={`${role}:${incident.roles[role]}`} incident={incident} role={role} />
      ))}
    </fieldset>
  );
}

function RoleInput({ incident, role }: { incident: Incident; role: keyof IncidentRoles }) {
  const services = useServices();
  const id = useId();
  const stored = incident.roles[role];
  const [value, setValue] = useState(stored);
  const save = () => {
    const name = value.trim();
    if (name === stored) return;
    void updateIncident(services, { id: incident.id, roles: { [role]: name } }, 'save the role', { roles: { ...incident.roles, [role]: name } });
  };
  return (
    <div className="form-field role-field">
      <label htmlFor={id}>{INCIDENT_ROLE_LABEL[role]}</label>
      <input
        id={id}
        type="text"
        data-testid={`incident-role-${role}`}
        maxLength={ROLE_MAX}
        autoComplete="off"
        placeholder="nobody yet"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onBlur={save}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.currentTarget.blur();
        }}
      />
    </div>
  );
}
