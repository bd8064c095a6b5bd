/** Fixed row heights (px): the virtualiser never measures, and the CSS uses the same values. */
export const GROUP_ROW_HEIGHT = 34;
export const ALERT_ROW_HEIGHT = 56;
