import type { SilenceMatcher } from '../../../shared/actions';
import { matchesMatcher, type MatchOperator } from '../../../shared/label-matchers';

export const MATCH_OPERATORS: readonly MatchOperator[] = ['=', '!=', '=~', '!~'];

export const OPERATOR_LABEL: Record<MatchOperator, string> = {
  '=': '= equals',
  '!=': '!= differs from',
  '=~': '=~ matches regex',
  '!~': '!~ does not match regex',
};

/** Alertmanager spells an operator as two flags. */
export function operatorOf(matcher: Pick<SilenceMatcher, 'isRegex' | 'isEqual'>): MatchOperator {
  if (matcher.isRegex) return matcher.isEqual ? '=~' : '!~';
  return matcher.isEqual ? '=' : '!=';
}

export function flagsOf(operator: MatchOperator): Pick<SilenceMatcher, 'isRegex' | 'isEqual'> {
  return { isRegex: operator === '=~' || operator === '!~', isEqual: operator === '=' || operator === '=~' };
}

/** `service="checkout"`, as Alertmanager writes matchers. */
export function matcherText(matcher: SilenceMatcher): string {
  return `${matcher.name}${operatorOf(matcher)}${JSON.stringify(matcher.value)}`;
}

/** Why a regex matcher cannot be used, or null when it can (Alertmanager anchors it, as here). */
export function regexProblem(pattern: string): string | null {
  try {
    new RegExp(`^(?:${pattern})$`);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** True when every matcher holds for `labels`; a matcher with a broken regex matches nothing. */
export function matchesAll(labels: Record<string, string>, matchers: readonly SilenceMatcher[]): boolean {
  return matchers.every((matcher) => {
    try {
      return matchesMatcher(labels, { name: matcher.name, operator: operatorOf(matcher), value: matcher.value });
    } catch {
      return false;
    }
  });
}
